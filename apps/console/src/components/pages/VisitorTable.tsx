import {
  ActionIcon,
  Badge,
  Group,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import type { LiveVisitor } from '@parley/protocol';
import { IconChevronRight } from '@tabler/icons-react';
import { memo, type MouseEvent } from 'react';
import { formatElapsed } from '../../format';
import {
  deviceLabel,
  languageName,
  liveVisitorLabel,
  placeLabel,
  referrerLabel,
} from '../../visitorFormat';
import { VerifiedLock } from '../visitors/VerifiedLock';
import { BanButton, InviteButton } from '../visitors/VisitorActions';
import {
  LocalClock,
  PageLink,
  Place,
  TimeOnSite,
  visitorStateMeta,
} from '../visitors/VisitorProfile';
import classes from './VisitorsPage.module.css';

interface RowActions {
  onOpen: (v: LiveVisitor) => void;
  onInvite: (v: LiveVisitor) => void;
  onBan: (v: LiveVisitor) => void;
}

interface TableProps extends RowActions {
  visitors: readonly LiveVisitor[];
  /** When each visitor who left was seen leaving (local time). */
  leftAt: Readonly<Record<string, number>>;
  now: number;
}

/** The live list: one row per visitor; a click on a row (not on its controls) opens it. */
export function VisitorTable({ visitors, leftAt, now, ...actions }: TableProps) {
  return (
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
          {visitors.map((v) => (
            <VisitorRow key={v.id} visitor={v} leftAt={leftAt[v.id]} now={now} {...actions} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Whether a click landed on something with its own action (a link or a button in the row). */
function onControl(e: MouseEvent): boolean {
  return (e.target as HTMLElement).closest('a, button, input, [role="button"]') !== null;
}

function leftWhen(leftAt: number | undefined, now: number): string {
  const span = leftAt ? formatElapsed(new Date(leftAt).toISOString(), now) : 'now';
  return span === 'now' ? 'Left just now' : `Left ${span} ago`;
}

interface RowProps extends RowActions {
  visitor: LiveVisitor;
  leftAt: number | undefined;
  now: number;
}

const VisitorRow = memo(function VisitorRow({ visitor: v, leftAt, now, ...on }: RowProps) {
  const left = !v.online;
  return (
    <Table.Tr
      className={classes.row}
      data-left={left || undefined}
      data-state={v.state}
      onClick={(e) => {
        if (!onControl(e)) on.onOpen(v);
      }}
    >
      <Table.Td>
        <Text size="sm" fw={600} truncate dir="auto" className={classes.visitorName}>
          {liveVisitorLabel(v)}
          {v.name && v.verified.includes('name') && <VerifiedLock />}
        </Text>
        <Text size="xs" c="dimmed" truncate className={classes.visitorName}>
          {[v.name ? v.code : v.email, v.siteName].filter(Boolean).join(' · ')}
        </Text>
      </Table.Td>
      <Table.Td className={classes.statusCell}>
        <StatusBadges v={v} left={left ? leftWhen(leftAt, now) : null} />
      </Table.Td>
      <Table.Td className={classes.pageCell}>
        <PageCell v={v} />
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
      <PlaceAndDeviceCells v={v} />
      <Table.Td className={classes.actions}>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          <InviteButton visitor={v} onInvite={on.onInvite} compact />
          {!v.banned && <BanButton compact onBan={() => on.onBan(v)} />}
          <Tooltip label="Details and pages visited">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label="Details"
              onClick={() => on.onOpen(v)}
            >
              <IconChevronRight size={17} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
});

/** Waiting, chatting or browsing (or when they left), and whether they are banned. */
function StatusBadges({ v, left }: { v: LiveVisitor; left: string | null }) {
  const meta = visitorStateMeta[v.state];
  return (
    <Stack gap={4} align="flex-start">
      {left !== null ? (
        <Badge color="gray" variant="light" size="sm" className={classes.badge}>
          {left}
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
  );
}

/** The page they are on, and where they came from. */
function PageCell({ v }: { v: LiveVisitor }) {
  const referrer = referrerLabel(v.referrer);
  return (
    <>
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
    </>
  );
}

const unknown = (
  <Text span size="sm" c="dimmed">
    Unknown
  </Text>
);

/** Where they are (with their local time) and their browser and language. */
function PlaceAndDeviceCells({ v }: { v: LiveVisitor }) {
  const device = deviceLabel(v.device);
  const language = languageName(v.language);
  const deviceLine = [device, language].filter(Boolean).join(' · ');
  return (
    <>
      <Table.Td className={classes.placeCell}>
        <Text size="sm" truncate>
          {placeLabel(v.location) ? <Place location={v.location} /> : unknown}
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
          {device ?? unknown}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {language ?? ''}
        </Text>
      </Table.Td>
    </>
  );
}
