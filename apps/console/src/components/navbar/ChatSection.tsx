import { Badge, Group, Text, Title, UnstyledButton } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { useId, useState } from 'react';
import { offerState } from '../../client/conversations/groups';
import { lastMessagePreview, unreadCount } from '../../client/conversations/selectors';
import { isParticipant } from '../../client/conversations/conversations';
import type { ConsoleState } from '../../client/core/state';
import { ChatRow, type ChatRowKind } from './ChatRow';
import classes from './ChatSection.module.css';

interface ChatSectionProps {
  title: string;
  kind: ChatRowKind;
  conversations: Conversation[];
  state: ConsoleState;
  drafted: ReadonlySet<string>;
  now: number;
  onSelect: (id: string) => void;
  emptyText: string;
  countLabel: (count: number) => string;
  /** Draw a non-zero count in the alert colour (a queue needs attention; own chats do not). */
  highlightCount?: boolean;
  /** Show only this many rows until the agent asks for all. */
  collapsedLimit?: number;
  /** Highlight the open chat (not while another page fills the main area). */
  showSelection: boolean;
}

export function ChatSection(props: ChatSectionProps) {
  const { title, kind, conversations, state, drafted, now, onSelect, emptyText, countLabel } =
    props;
  const headingId = useId();
  const [showAll, setShowAll] = useState(false);
  const count = conversations.length;
  const urgent = props.highlightCount && count > 0;
  const limit = props.collapsedLimit;
  const shown = limit && !showAll ? conversations.slice(0, limit) : conversations;
  const me = state.me.id;
  const timeout = state.settings?.offerTimeoutSeconds ?? null;

  return (
    <section aria-labelledby={headingId} className={classes.section}>
      <Group justify="space-between" className={classes.header} wrap="nowrap">
        <Title order={2} id={headingId} className={classes.title}>
          {title}
        </Title>
        <Badge
          aria-label={countLabel(count)}
          color={urgent ? 'orange' : 'gray'}
          variant={urgent ? 'filled' : 'light'}
          size="md"
          circle={count < 10}
        >
          {count}
        </Badge>
      </Group>
      {count === 0 ? (
        <Text size="sm" c="dimmed" className={classes.empty}>
          {emptyText}
        </Text>
      ) : (
        <ul className={classes.list}>
          {shown.map((c) => (
            <li key={c.id}>
              <ChatRow
                conversation={c}
                kind={kind}
                selected={
                  props.showSelection && state.selectedId === c.id && state.directWith === null
                }
                preview={lastMessagePreview(state, c.id)}
                unread={kind === 'mine' ? unreadCount(state, c.id) : 0}
                isNew={
                  kind === 'waiting'
                    ? !state.opened[c.id]
                    : kind === 'mine' && Boolean(state.handedOver[c.id])
                }
                hasDraft={drafted.has(c.id)}
                invited={kind === 'mine' && c.assignee?.id !== me && isParticipant(c, me)}
                offer={offerState(c, me, state.offerSeenAt[c.id], timeout, now)}
                offerSeenAt={state.offerSeenAt[c.id]}
                offerTimeout={timeout}
                now={now}
                onSelect={onSelect}
              />
            </li>
          ))}
        </ul>
      )}
      {limit !== undefined && count > limit && (
        <UnstyledButton className={classes.more} onClick={() => setShowAll((v) => !v)}>
          {showAll ? 'Show fewer' : `Show all ${count}`}
        </UnstyledButton>
      )}
    </section>
  );
}
