import { Badge, Group, Text, Title } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { useId } from 'react';
import { lastMessagePreview, unreadCount } from '../../client/selectors';
import type { ConsoleState } from '../../client/store';
import { ChatRow } from './ChatRow';
import classes from './ChatSection.module.css';

interface ChatSectionProps {
  title: string;
  kind: 'waiting' | 'mine';
  conversations: Conversation[];
  state: ConsoleState;
  now: number;
  onSelect: (id: string) => void;
  emptyText: string;
  countLabel: (count: number) => string;
  /** Draw a non-zero count in the alert colour (a queue needs attention; own chats do not). */
  highlightCount?: boolean;
}

export function ChatSection(props: ChatSectionProps) {
  const { title, kind, conversations, state, now, onSelect, emptyText, countLabel } = props;
  const headingId = useId();
  const count = conversations.length;
  const urgent = props.highlightCount && count > 0;

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
          {conversations.map((c) => (
            <li key={c.id}>
              <ChatRow
                conversation={c}
                kind={kind}
                selected={state.selectedId === c.id}
                preview={lastMessagePreview(state, c.id)}
                unread={kind === 'mine' ? unreadCount(state, c.id) : 0}
                isNew={kind === 'waiting' && !state.opened[c.id]}
                now={now}
                onSelect={onSelect}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
