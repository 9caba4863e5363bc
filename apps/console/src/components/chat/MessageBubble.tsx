import { Text } from '@mantine/core';
import type { Message } from '@parley/protocol';
import { memo } from 'react';
import { formatClock, formatDateTime } from '../../format';
import classes from './MessageBubble.module.css';

interface MessageBubbleProps {
  message: Message;
  showAuthor: boolean;
}

/** One visitor or agent message. The body is plain React text: never parsed as HTML. */
export const MessageBubble = memo(function MessageBubble({
  message,
  showAuthor,
}: MessageBubbleProps) {
  const side = message.author.type === 'visitor' ? 'visitor' : 'agent';
  const author = message.author.name ?? (side === 'visitor' ? 'Visitor' : 'Agent');
  const isPrivate = message.visibility === 'private';

  return (
    <div className={classes.row} data-side={side} data-group-start={showAuthor || undefined}>
      {showAuthor && (
        <Text component="div" size="xs" fw={600} c="gray.7" className={classes.author} dir="auto">
          {author}
          {isPrivate && <span className={classes.privateTag}>Private note</span>}
        </Text>
      )}
      <div className={classes.bubble} data-private={isPrivate || undefined}>
        <div className={classes.body} dir="auto">
          {message.body}
        </div>
        <time
          className={classes.time}
          dateTime={message.createdAt}
          title={formatDateTime(message.createdAt)}
        >
          {formatClock(message.createdAt)}
        </time>
      </div>
    </div>
  );
});
