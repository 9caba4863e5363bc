import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import type { LiveVisitor } from '@parley/protocol';
import { IconAlertTriangle, IconSearch, IconUsers, IconX } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { sortedVisitors } from '../../client/visitors/visitors';
import { useConsole, useConsoleState } from '../../context';
import { useNow } from '../../hooks/useNow';
import { liveVisitorLabel, placeLabel } from '../../visitorFormat';
import { BanVisitorModal } from '../visitors/BanVisitorModal';
import { InviteVisitorModal } from '../visitors/InviteVisitorModal';
import { VisitorDrawer } from '../visitors/VisitorDrawer';
import { VisitorTable } from './VisitorTable';
import classes from './VisitorsPage.module.css';

type Dialog = { kind: 'invite' | 'ban'; visitor: LiveVisitor } | null;

function matches(v: LiveVisitor, needle: string): boolean {
  if (!needle) return true;
  const hay = [
    v.name,
    v.email,
    v.code,
    v.siteName,
    v.currentPage?.title,
    v.currentPage?.url,
    v.location.city,
    placeLabel(v.location),
    v.ip,
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return hay.includes(needle);
}

/**
 * Everyone on the sites right now: who is waiting, chatting or browsing, where they are and
 * where they came from. Agents invite browsing visitors to chat from here, or ban abusers.
 */
export default function VisitorsPage() {
  const { client } = useConsole();
  const { visitors } = useConsoleState();
  const now = useNow(15_000);
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [open, setOpen] = useState<LiveVisitor | null>(null);

  // Subscribed only while this page is shown: leaving it unsubscribes.
  useEffect(() => client.watchVisitors(), [client]);

  const all = useMemo(() => sortedVisitors(visitors.byId), [visitors.byId]);
  const needle = filter.trim().toLowerCase();
  const shown = useMemo(() => all.filter((v) => matches(v, needle)), [all, needle]);

  const onOpen = useCallback((v: LiveVisitor) => setOpen(v), []);
  const onInvite = useCallback((v: LiveVisitor) => setDialog({ kind: 'invite', visitor: v }), []);
  const onBan = useCallback((v: LiveVisitor) => setDialog({ kind: 'ban', visitor: v }), []);
  // The drawer follows the live row; a visitor swept off the list keeps their last state.
  const drawerVisitor = open ? (visitors.byId[open.id] ?? open) : null;

  return (
    <section className={classes.page} aria-labelledby="visitors-title">
      <div className={classes.inner}>
        <VisitorsHeader filter={filter} onFilter={setFilter} />
        <VisitorsNotices all={all} />
        {visitors.loaded && all.length > 0 && shown.length === 0 && (
          <Text size="sm" c="dimmed" py="lg">
            No visitor matches “{filter}”.
          </Text>
        )}
        {shown.length > 0 && (
          <VisitorTable
            visitors={shown}
            leftAt={visitors.leftAt}
            now={now}
            onOpen={onOpen}
            onInvite={onInvite}
            onBan={onBan}
          />
        )}
      </div>

      {drawerVisitor && (
        <VisitorDrawer
          visitor={drawerVisitor}
          onClose={() => setOpen(null)}
          onInvite={onInvite}
          onBan={onBan}
        />
      )}
      {dialog?.kind === 'invite' && (
        <InviteVisitorModal
          visitor={{
            id: dialog.visitor.id,
            label: liveVisitorLabel(dialog.visitor),
            siteName: dialog.visitor.siteName,
          }}
          onDone={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'ban' && (
        <BanVisitorModal
          visitor={{
            id: dialog.visitor.id,
            label: liveVisitorLabel(dialog.visitor),
            ip: dialog.visitor.ip,
          }}
          onDone={() => setDialog(null)}
        />
      )}
    </section>
  );
}

/** The title, what the page is for, and the filter. */
function VisitorsHeader({ filter, onFilter }: { filter: string; onFilter: (f: string) => void }) {
  return (
    <Group justify="space-between" align="flex-end" mb="md" wrap="wrap" gap="sm">
      <div>
        <Title order={1} fz="h3" id="visitors-title">
          Visitors
        </Title>
        <Text size="sm" c="dimmed">
          People on your sites right now. Invite someone browsing to chat, or open a visitor to see
          the pages they viewed.
        </Text>
      </div>
      <TextInput
        aria-label="Filter visitors"
        placeholder="Filter by name, page, city…"
        leftSection={<IconSearch size={15} aria-hidden />}
        rightSection={
          filter ? (
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-label="Clear filter"
              onClick={() => onFilter('')}
            >
              <IconX size={14} />
            </ActionIcon>
          ) : null
        }
        value={filter}
        onChange={(e) => onFilter(e.currentTarget.value)}
        w={260}
      />
    </Group>
  );
}

/** Above the list: the counts, why invitations are off, a failed load, loading, or nobody. */
function VisitorsNotices({ all }: { all: readonly LiveVisitor[] }) {
  const { client } = useConsole();
  const { visitors, me } = useConsoleState();
  return (
    <>
      {visitors.loaded && all.length > 0 && <VisitorCounts all={all} />}

      {me.status !== 'online' && all.some((v) => v.online && v.state === 'browsing') && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={16} />} mb="sm" py={8}>
          <Group justify="space-between" gap="sm" wrap="wrap">
            <span>You are not Online, so you cannot invite visitors to chat.</span>
            <Button
              size="compact-sm"
              variant="white"
              onClick={() => void client.setStatus('online')}
            >
              Go Online
            </Button>
          </Group>
        </Alert>
      )}

      {visitors.error && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={16} />} mb="sm">
          <Group justify="space-between" gap="sm">
            <span>The visitor list could not be loaded: {visitors.error}</span>
            <Button size="compact-sm" variant="white" onClick={() => client.reloadVisitors()}>
              Try again
            </Button>
          </Group>
        </Alert>
      )}

      {!visitors.loaded && !visitors.error && (
        <Center py={60}>
          <Loader size="sm" aria-label="Loading visitors" />
        </Center>
      )}

      {visitors.loaded && all.length === 0 && <NobodyHere />}
    </>
  );
}

function VisitorCounts({ all }: { all: readonly LiveVisitor[] }) {
  const counts = useMemo(() => {
    const c = { online: 0, waiting: 0, chatting: 0, browsing: 0 };
    for (const v of all) {
      if (!v.online) continue;
      c.online += 1;
      c[v.state] += 1;
    }
    return c;
  }, [all]);
  return (
    <Group gap="xs" mb="sm" role="status" aria-live="polite">
      <Badge size="lg" variant="light" color="indigo" tt="none">
        {counts.online} on site
      </Badge>
      {counts.waiting > 0 && (
        <Badge size="lg" variant="light" color="orange" tt="none">
          {counts.waiting} waiting
        </Badge>
      )}
      <Badge size="lg" variant="light" color="green" tt="none">
        {counts.chatting} chatting
      </Badge>
      <Badge size="lg" variant="light" color="blue" tt="none">
        {counts.browsing} browsing
      </Badge>
    </Group>
  );
}

function NobodyHere() {
  return (
    <Center py={70}>
      <Stack align="center" gap="xs" maw={380} ta="center">
        <ThemeIcon size={60} radius="xl" variant="light" color="indigo" aria-hidden>
          <IconUsers size={32} stroke={1.5} />
        </ThemeIcon>
        <Title order={2} fz="lg" mt="xs">
          Nobody is on your sites right now
        </Title>
        <Text size="sm" c="dimmed">
          Visitors show up here the moment they open a page with the chat widget, and leave the list
          a few minutes after they go.
        </Text>
      </Stack>
    </Center>
  );
}
