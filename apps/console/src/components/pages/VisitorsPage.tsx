import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  TextInput,
  ThemeIcon,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import type { LiveVisitor } from '@parley/protocol';
import {
  IconAlertTriangle,
  IconChevronRight,
  IconSearch,
  IconUsers,
  IconX,
} from '@tabler/icons-react';
import { memo, useCallback, useEffect, useMemo, useState, type MouseEvent } from 'react';
import { sortedVisitors } from '../../client/visitors/visitors';
import { useConsole, useConsoleState } from '../../context';
import { formatElapsed } from '../../format';
import { useNow } from '../../hooks/useNow';
import {
  deviceLabel,
  languageName,
  liveVisitorLabel,
  placeLabel,
  referrerLabel,
} from '../../visitorFormat';
import { BanVisitorModal } from '../visitors/BanVisitorModal';
import { InviteVisitorModal } from '../visitors/InviteVisitorModal';
import { VerifiedLock } from '../visitors/VerifiedLock';
import { BanButton, InviteButton } from '../visitors/VisitorActions';
import { VisitorDrawer } from '../visitors/VisitorDrawer';
import {
  LocalClock,
  PageLink,
  Place,
  TimeOnSite,
  visitorStateMeta,
} from '../visitors/VisitorProfile';
import classes from './VisitorsPage.module.css';

type Dialog = { kind: 'invite' | 'ban'; visitor: LiveVisitor } | null;

/** Whether a click landed on something with its own action (a link or a button in the row). */
function onControl(e: MouseEvent): boolean {
  return (e.target as HTMLElement).closest('a, button, input, [role="button"]') !== null;
}

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

function leftWhen(leftAt: number | undefined, now: number): string {
  const span = leftAt ? formatElapsed(new Date(leftAt).toISOString(), now) : 'now';
  return span === 'now' ? 'Left just now' : `Left ${span} ago`;
}

interface RowProps {
  visitor: LiveVisitor;
  leftAt: number | undefined;
  now: number;
  onOpen: (v: LiveVisitor) => void;
  onInvite: (v: LiveVisitor) => void;
  onBan: (v: LiveVisitor) => void;
}

const VisitorRow = memo(function VisitorRow({
  visitor: v,
  leftAt,
  now,
  onOpen,
  onInvite,
  onBan,
}: RowProps) {
  const label = liveVisitorLabel(v);
  const meta = visitorStateMeta[v.state];
  const referrer = referrerLabel(v.referrer);
  const device = deviceLabel(v.device);
  const language = languageName(v.language);
  const left = !v.online;

  const deviceLine = [device, language].filter(Boolean).join(' · ');

  return (
    <Table.Tr
      className={classes.row}
      data-left={left || undefined}
      data-state={v.state}
      onClick={(e) => {
        if (!onControl(e)) onOpen(v);
      }}
    >
      <Table.Td>
        <Text size="sm" fw={600} truncate dir="auto" className={classes.visitorName}>
          {label}
          {v.name && v.verified.includes('name') && <VerifiedLock />}
        </Text>
        <Text size="xs" c="dimmed" truncate className={classes.visitorName}>
          {[v.name ? v.code : v.email, v.siteName].filter(Boolean).join(' · ')}
        </Text>
      </Table.Td>
      <Table.Td className={classes.statusCell}>
        <Stack gap={4} align="flex-start">
          {left ? (
            <Badge color="gray" variant="light" size="sm" className={classes.badge}>
              {leftWhen(leftAt, now)}
            </Badge>
          ) : (
            <Badge
              color={meta.color}
              variant={v.state === 'waiting' ? 'filled' : 'light'}
              size="sm"
              className={classes.badge}
            >
              {meta.label}
            </Badge>
          )}
          {v.banned && (
            <Badge color="red" variant="light" size="sm" className={classes.badge}>
              Banned
            </Badge>
          )}
        </Stack>
      </Table.Td>
      <Table.Td className={classes.pageCell}>
        {v.currentPage ? (
          <Text size="sm" truncate>
            <PageLink page={v.currentPage} />
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            Unknown
          </Text>
        )}
        <Text size="xs" c="dimmed" truncate>
          {referrer ? (
            <Tooltip label={v.referrer} multiline maw={420}>
              <span>from {referrer}</span>
            </Tooltip>
          ) : (
            'Direct visit'
          )}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" className={classes.num}>
          {left ? '–' : <TimeOnSite since={v.visitStartedAt} />}
        </Text>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {v.visits === 1 ? '1st visit' : `${v.visits} visits`} ·{' '}
          {v.pageViews === 1 ? '1 page' : `${v.pageViews} pages`}
        </Text>
      </Table.Td>
      <Table.Td className={classes.placeCell}>
        <Text size="sm" truncate>
          {placeLabel(v.location) ? (
            <Place location={v.location} />
          ) : (
            <Text span size="sm" c="dimmed">
              Unknown
            </Text>
          )}
        </Text>
        <Text size="xs" c="dimmed" className={classes.num} truncate>
          <LocalClock timeZone={v.location.timeZone} />
          {v.location.timeZone ? ' local' : ''}
        </Text>
        {/* Without room for the Browser column, browser and language go under the place. */}
        {deviceLine && (
          <Text size="xs" c="dimmed" truncate className={classes.narrowOnly}>
            {deviceLine}
          </Text>
        )}
      </Table.Td>
      <Table.Td className={classes.wideOnly}>
        <Text size="sm" truncate>
          {device ?? (
            <Text span size="sm" c="dimmed">
              Unknown
            </Text>
          )}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {language ?? ''}
        </Text>
      </Table.Td>
      <Table.Td className={classes.actions}>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <InviteButton visitor={v} onInvite={onInvite} compact />
          {!v.banned && <BanButton compact onBan={() => onBan(v)} />}
          <Tooltip label="Details and pages visited">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label="Details"
              onClick={() => onOpen(v)}
            >
              <IconChevronRight size={17} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
});

/**
 * Everyone on the sites right now: who is waiting, chatting or browsing, where they are and
 * where they came from. Agents invite browsing visitors to chat from here, or ban abusers.
 */
export default function VisitorsPage() {
  const { client } = useConsole();
  const state = useConsoleState();
  const { visitors, me } = state;
  const now = useNow(15_000);
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<Dialog>(null);
  const [open, setOpen] = useState<LiveVisitor | null>(null);

  // Subscribed only while this page is shown: leaving it unsubscribes.
  useEffect(() => client.watchVisitors(), [client]);

  const all = useMemo(() => sortedVisitors(visitors.byId), [visitors.byId]);
  const needle = filter.trim().toLowerCase();
  const shown = useMemo(() => all.filter((v) => matches(v, needle)), [all, needle]);
  const counts = useMemo(() => {
    const c = { online: 0, waiting: 0, chatting: 0, browsing: 0 };
    for (const v of all) {
      if (!v.online) continue;
      c.online += 1;
      c[v.state] += 1;
    }
    return c;
  }, [all]);

  const onOpen = useCallback((v: LiveVisitor) => setOpen(v), []);
  const onInvite = useCallback((v: LiveVisitor) => setDialog({ kind: 'invite', visitor: v }), []);
  const onBan = useCallback((v: LiveVisitor) => setDialog({ kind: 'ban', visitor: v }), []);
  // The drawer follows the live row; a visitor swept off the list keeps their last state.
  const drawerVisitor = open ? (visitors.byId[open.id] ?? open) : null;

  return (
    <section className={classes.page} aria-labelledby="visitors-title">
      <div className={classes.inner}>
        <Group justify="space-between" align="flex-end" mb="md" wrap="wrap" gap="sm">
          <div>
            <Title order={1} fz="h3" id="visitors-title">
              Visitors
            </Title>
            <Text size="sm" c="dimmed">
              People on your sites right now. Invite someone browsing to chat, or open a visitor to
              see the pages they viewed.
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
                  onClick={() => setFilter('')}
                >
                  <IconX size={14} />
                </ActionIcon>
              ) : null
            }
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
            w={260}
          />
        </Group>

        {visitors.loaded && all.length > 0 && (
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
        )}

        {me.status !== 'online' && all.some((v) => v.online && v.state === 'browsing') && (
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlertTriangle size={16} />}
            mb="sm"
            py={8}
          >
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

        {visitors.loaded && all.length === 0 && (
          <Center py={70}>
            <Stack align="center" gap="xs" maw={380} ta="center">
              <ThemeIcon size={60} radius="xl" variant="light" color="indigo" aria-hidden>
                <IconUsers size={32} stroke={1.5} />
              </ThemeIcon>
              <Title order={2} fz="lg" mt="xs">
                Nobody is on your sites right now
              </Title>
              <Text size="sm" c="dimmed">
                Visitors show up here the moment they open a page with the chat widget, and leave
                the list a few minutes after they go.
              </Text>
            </Stack>
          </Center>
        )}

        {visitors.loaded && all.length > 0 && shown.length === 0 && (
          <Text size="sm" c="dimmed" py="lg">
            No visitor matches “{filter}”.
          </Text>
        )}

        {shown.length > 0 && (
          <Table.ScrollContainer minWidth={820} className={classes.table}>
            <Table
              verticalSpacing={8}
              horizontalSpacing={10}
              highlightOnHover
              aria-labelledby="visitors-title"
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Visitor</Table.Th>
                  <Table.Th className={classes.statusCell}>Status</Table.Th>
                  <Table.Th>Current page</Table.Th>
                  <Table.Th>On site</Table.Th>
                  <Table.Th>Location</Table.Th>
                  <Table.Th className={classes.wideOnly}>Browser</Table.Th>
                  <Table.Th className={classes.actions}>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {shown.map((v) => (
                  <VisitorRow
                    key={v.id}
                    visitor={v}
                    leftAt={visitors.leftAt[v.id]}
                    now={now}
                    onOpen={onOpen}
                    onInvite={onInvite}
                    onBan={onBan}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
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
