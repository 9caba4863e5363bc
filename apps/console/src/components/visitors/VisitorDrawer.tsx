import { Badge, Button, Drawer, Group, Stack, Text, Title } from '@mantine/core';
import type { LiveVisitor } from '@parley/protocol';
import { IconMessages } from '@tabler/icons-react';
import { inviteAvailability } from '../../client/visitors/visitors';
import { useConsole, useConsoleState } from '../../context';
import { navigate } from '../../hooks/useRoute';
import { useVisitorDetails } from '../../hooks/useVisitorDetails';
import { liveVisitorLabel } from '../../visitorFormat';
import { VerifiedLock } from './VerifiedLock';
import { BanButton, InviteButton } from './VisitorActions';
import { visitorStateMeta } from './VisitorProfile';
import { VisitorTabs } from './VisitorTabs';

interface VisitorDrawerProps {
  /** The row that was opened: shown at once while the full details load. */
  visitor: LiveVisitor;
  onClose: () => void;
  onInvite: (v: LiveVisitor) => void;
  onBan: (v: LiveVisitor) => void;
}

/** One visitor from the Visitors page: details and navigation at a glance, history a tab away. */
export function VisitorDrawer({ visitor: listed, onClose, onInvite, onBan }: VisitorDrawerProps) {
  const state = useConsoleState();
  const { details, error } = useVisitorDetails(listed.id);
  // The list row is live too; whichever is newer describes the visitor now.
  const v: LiveVisitor =
    details && Date.parse(details.lastSeenAt) >= Date.parse(listed.lastSeenAt) ? details : listed;
  const meta = visitorStateMeta[v.state];
  const availability = inviteAvailability(v, state.me);

  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size={440}
      title={<DrawerTitle v={v} />}
      closeButtonProps={{ 'aria-label': 'Close visitor details' }}
    >
      <Stack gap="md">
        <Group gap={6}>
          {v.online ? (
            <Badge color={meta.color} variant="light">
              {meta.label}
            </Badge>
          ) : (
            <Badge color="gray" variant="light">
              Left the site
            </Badge>
          )}
          {v.banned && (
            <Badge color="red" variant="light">
              Banned
            </Badge>
          )}
        </Group>
        <DrawerActions v={v} onInvite={onInvite} onBan={onBan} />
        {availability.kind === 'blocked' && (
          <Text size="xs" c="dimmed" mt={-8}>
            {availability.reason}
          </Text>
        )}

        <VisitorTabs
          identity={{
            code: v.code,
            name: v.name,
            email: v.email,
            verified: v.verified,
            siteName: v.siteName,
          }}
          live={v}
          details={details}
          error={error}
        />
      </Stack>
    </Drawer>
  );
}

function DrawerTitle({ v }: { v: LiveVisitor }) {
  return (
    <div>
      <Title order={2} fz="lg" dir="auto">
        {liveVisitorLabel(v)}
        {v.name && v.verified.includes('name') && <VerifiedLock size={15} />}
      </Title>
      <Text size="xs" c="dimmed">
        {[v.name ? v.code : null, v.siteName].filter(Boolean).join(' · ')}
      </Text>
    </div>
  );
}

/** Invite, open their chat, ban. */
function DrawerActions({
  v,
  onInvite,
  onBan,
}: Pick<VisitorDrawerProps, 'onInvite' | 'onBan'> & { v: LiveVisitor }) {
  const { client } = useConsole();
  const { conversations } = useConsoleState();
  const chat = v.conversationId ? conversations[v.conversationId] : undefined;
  return (
    <Group gap="sm">
      <InviteButton visitor={v} onInvite={onInvite} />
      {chat && (
        <Button
          variant="light"
          leftSection={<IconMessages size={16} aria-hidden />}
          onClick={() => {
            client.select(chat.id);
            navigate({ page: 'chats' });
          }}
        >
          Open chat
        </Button>
      )}
      {!v.banned && <BanButton onBan={() => onBan(v)} />}
    </Group>
  );
}
