import { Badge, Button, Drawer, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import type { LiveVisitor } from '@parley/protocol';
import { IconMessages } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { inviteAvailability } from '../../client/visitors';
import { useConsole, useConsoleState } from '../../context';
import { navigate } from '../../hooks/useRoute';
import { useVisitorDetails } from '../../hooks/useVisitorDetails';
import { liveVisitorLabel } from '../../visitorFormat';
import { VerifiedLock } from './VerifiedLock';
import classes from './Visitor.module.css';
import { BanButton, InviteButton } from './VisitorActions';
import { HistoryList, NavigationList, VisitorFacts, visitorStateMeta } from './VisitorProfile';

// Past chats are opened now and then: the reader loads on first use.
const TranscriptModal = lazy(() =>
  import('./TranscriptModal').then((m) => ({ default: m.TranscriptModal })),
);

interface VisitorDrawerProps {
  /** The row that was opened: shown at once while the full details load. */
  visitor: LiveVisitor;
  onClose: () => void;
  onInvite: (v: LiveVisitor) => void;
  onBan: (v: LiveVisitor) => void;
}

/** One visitor from the Visitors page: details and navigation at a glance, history a tab away. */
export function VisitorDrawer({ visitor: listed, onClose, onInvite, onBan }: VisitorDrawerProps) {
  const { client } = useConsole();
  const state = useConsoleState();
  const { details, error } = useVisitorDetails(listed.id);
  const [tab, setTab] = useState<'details' | 'history'>('details');
  const [transcript, setTranscript] = useState<string | null>(null);
  // The list row is live too; whichever is newer describes the visitor now.
  const v: LiveVisitor =
    details && Date.parse(details.lastSeenAt) >= Date.parse(listed.lastSeenAt) ? details : listed;
  const label = liveVisitorLabel(v);
  const meta = visitorStateMeta[v.state];
  const chat = v.conversationId ? state.conversations[v.conversationId] : undefined;
  const history = details?.conversations ?? [];
  const availability = inviteAvailability(v, state.me);

  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size={440}
      title={
        <div>
          <Title order={2} fz="lg" dir="auto">
            {label}
            {v.name && v.verified.includes('name') && <VerifiedLock size={15} />}
          </Title>
          <Text size="xs" c="dimmed">
            {[v.name ? v.code : null, v.siteName].filter(Boolean).join(' · ')}
          </Text>
        </div>
      }
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
        {availability.kind === 'blocked' && (
          <Text size="xs" c="dimmed" mt={-8}>
            {availability.reason}
          </Text>
        )}

        <Tabs
          value={tab}
          onChange={(t) => setTab(t === 'history' ? 'history' : 'details')}
          variant="pills"
          keepMounted={false}
        >
          <Tabs.List mb="md">
            <Tabs.Tab value="details">Details</Tabs.Tab>
            <Tabs.Tab value="history">
              History{history.length > 0 ? ` (${history.length})` : ''}
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="details">
            <VisitorFacts
              identity={{
                code: v.code,
                name: v.name,
                email: v.email,
                verified: v.verified,
                siteName: v.siteName,
              }}
              live={v}
              attributes={details?.attributes}
              firstSeenAt={details?.firstSeenAt}
              loading={!details && !error}
              error={error}
            />
            <section aria-label="Navigation" style={{ marginTop: 20 }}>
              <h3 className={classes.sectionTitle}>
                Navigation
                {details
                  ? ` · ${details.navigation.length} ${details.navigation.length === 1 ? 'page' : 'pages'}`
                  : ''}
              </h3>
              {details ? (
                <NavigationList pages={details.navigation} online={v.online} />
              ) : (
                <Text size="sm" c="dimmed">
                  {error ? 'Not available.' : 'Loading…'}
                </Text>
              )}
            </section>
          </Tabs.Panel>
          <Tabs.Panel value="history">
            {details ? (
              <HistoryList entries={history} onOpen={setTranscript} />
            ) : (
              <Text size="sm" c="dimmed">
                {error ? `Past chats are not available: ${error}` : 'Loading past chats…'}
              </Text>
            )}
          </Tabs.Panel>
        </Tabs>
      </Stack>
      <Suspense fallback={null}>
        {transcript && (
          <TranscriptModal conversationId={transcript} onDone={() => setTranscript(null)} />
        )}
      </Suspense>
    </Drawer>
  );
}
