import { Badge, Group, Text, UnstyledButton } from '@mantine/core';
import type { Conversation, MessagePreview } from '@parley/protocol';
import { memo } from 'react';
import { visitorLabel } from '../../client/selectors';
import { describeElapsed, formatClock, formatElapsed, previewLine } from '../../format';
import classes from './ChatRow.module.css';

interface ChatRowProps {
  conversation: Conversation;
  kind: 'waiting' | 'mine';
  selected: boolean;
  preview: MessagePreview | null;
  unread: number;
  isNew: boolean;
  now: number;
  onSelect: (id: string) => void;
}

/** One chat in a list: who, the latest line, how long they waited, and what needs attention. */
export const ChatRow = memo(function ChatRow(props: ChatRowProps) {
  const { conversation: c, kind, selected, preview, unread, isNew, now, onSelect } = props;
  const label = visitorLabel(c);
  const line = previewLine(preview);
  const attention = isNew || unread > 0;
  const time =
    kind === 'waiting'
      ? formatElapsed(c.createdAt, now)
      : preview
        ? formatClock(preview.createdAt)
        : '';

  const spoken = [
    label,
    kind === 'waiting' ? `waiting ${describeElapsed(c.createdAt, now)}` : null,
    isNew ? 'new' : null,
    unread > 0 ? `${unread} unread` : null,
    line,
  ]
    .filter(Boolean)
    .join(', ');

  return (
    <UnstyledButton
      className={classes.row}
      data-selected={selected || undefined}
      data-attention={attention || undefined}
      aria-current={selected ? 'true' : undefined}
      aria-label={spoken}
      onClick={() => onSelect(c.id)}
    >
      <Group justify="space-between" gap={8} wrap="nowrap">
        <Text className={classes.name} size="sm" truncate dir="auto">
          {label}
        </Text>
        <Text
          size="xs"
          c={kind === 'waiting' ? 'orange.8' : 'dimmed'}
          fw={kind === 'waiting' ? 600 : 400}
          className={classes.time}
        >
          {time}
        </Text>
      </Group>
      <Group justify="space-between" gap={8} wrap="nowrap" mt={2}>
        <Text size="xs" className={classes.preview} truncate dir="auto">
          {line}
        </Text>
        {isNew && (
          <Badge size="xs" color="orange" variant="filled" className={classes.badge}>
            New
          </Badge>
        )}
        {unread > 0 && (
          <Badge
            size="sm"
            color="indigo"
            variant="filled"
            circle={unread < 10}
            className={classes.badge}
          >
            {unread > 99 ? '99+' : unread}
          </Badge>
        )}
      </Group>
    </UnstyledButton>
  );
});
