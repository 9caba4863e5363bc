import { HoverCard, Text, UnstyledButton } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { IconUser } from '@tabler/icons-react';
import { visitorLabel } from '../../client/conversations/selectors';
import { describeElapsed, formatClock, formatElapsed } from '../../format';
import classes from './TeamPanel.module.css';

interface CustomerRowProps {
  conversation: Conversation;
  kind: 'waiting' | 'chatting';
  now: number;
  /** Agent names by id, to say whom a waiting chat is offered to. */
  names: ReadonlyMap<string, string>;
  onOpen: (id: string) => void;
  /** The signed-in agent turned this chat down (it is off their own list). */
  declined?: boolean;
}

/** A waiting or chatting customer; hovering shows who, where, and since when. */
export function CustomerRow(props: CustomerRowProps) {
  const { conversation: c, kind, now, names, onOpen, declined } = props;
  const label = visitorLabel(c);
  const since = kind === 'waiting' ? c.queuedAt : (c.acceptedAt ?? c.createdAt);
  const offeredTo = c.offeredTo.map((id) => names.get(id) ?? 'an agent');
  const right = kind === 'waiting' ? formatElapsed(since, now) : (c.assignee?.name ?? 'Nobody');

  return (
    <HoverCard width={260} shadow="md" position="left" openDelay={250} withArrow>
      <HoverCard.Target>
        <UnstyledButton
          className={classes.row}
          onClick={() => onOpen(c.id)}
          aria-label={
            kind === 'waiting'
              ? `${label}, waiting ${describeElapsed(since, now)}`
              : `${label}, with ${c.assignee?.name ?? 'nobody'}`
          }
        >
          <IconUser size={14} color="var(--mantine-color-gray-6)" aria-hidden />
          <Text size="sm" truncate style={{ flex: 1 }} dir="auto">
            {label}
            {declined && (
              <Text span size="xs" c="dimmed">
                {' '}
                · you declined
              </Text>
            )}
          </Text>
          <Text
            size="xs"
            c={kind === 'waiting' ? 'orange.8' : 'dimmed'}
            fw={kind === 'waiting' ? 600 : 400}
            truncate
            maw={110}
            className={classes.load}
          >
            {right}
          </Text>
        </UnstyledButton>
      </HoverCard.Target>
      <HoverCard.Dropdown>
        <CustomerFacts conversation={c} kind={kind} since={since} now={now} offeredTo={offeredTo} />
      </HoverCard.Dropdown>
    </HoverCard>
  );
}

interface FactsProps {
  conversation: Conversation;
  kind: 'waiting' | 'chatting';
  since: string;
  now: number;
  offeredTo: readonly string[];
}

/** The hover card: who the visitor is, where from, and how long they have waited or chatted. */
function CustomerFacts({ conversation: c, kind, since, now, offeredTo }: FactsProps) {
  return (
    <>
      <Text fw={600} size="sm" dir="auto">
        {visitorLabel(c)}
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        {c.visitor.email ?? 'No email given'}
      </Text>
      <dl className={classes.card} style={{ margin: 0 }}>
        <dt>Site</dt>
        <dd>{c.siteName}</dd>
        {c.department && (
          <>
            <dt>Department</dt>
            <dd>{c.department.name}</dd>
          </>
        )}
        {kind === 'waiting' ? (
          <>
            <dt>Waiting</dt>
            <dd>
              {describeElapsed(since, now)} (since {formatClock(since)})
            </dd>
            <dt>Offered to</dt>
            <dd>{offeredTo.length > 0 ? offeredTo.join(', ') : 'Nobody yet: in the queue'}</dd>
          </>
        ) : (
          <>
            <dt>Agent</dt>
            <dd>
              {c.assignee?.name ?? 'Nobody'}
              {c.participants.length > 0
                ? ` with ${c.participants.map((p) => p.name).join(', ')}`
                : ''}
            </dd>
            <dt>Chatting</dt>
            <dd>
              {describeElapsed(since, now)} (since {formatClock(since)})
            </dd>
          </>
        )}
        <dt>Visitor</dt>
        <dd>{c.visitorOnline ? 'On the page now' : 'Left the page'}</dd>
      </dl>
    </>
  );
}
