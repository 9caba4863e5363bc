import { Text, VisuallyHidden } from '@mantine/core';
import type { Message } from '@parley/protocol';
import { IconEye } from '@tabler/icons-react';
import { memo } from 'react';
import { messageLook } from '../../client/messageLook';
import { formatClock, formatDateTime } from '../../format';
import classes from './MessageBubble.module.css';

interface MessageBubbleProps {
  message: Message;
  meId: string;
  showAuthor: boolean;
}

/** One visitor or agent message. The body is plain React text: never parsed as HTML. */
export const MessageBubble = memo(function MessageBubble({
  message,
  meId,
  showAuthor,
}: MessageBubbleProps) {
  const look = messageLook(message, meId);
  const fallback = look.side === 'visitor' ? 'Visitor' : 'Agent';
  const author = message.author.name ?? fallback;

  return (
    <div className={classes.row} data-side={look.side} data-group-start={showAuthor || undefined}>
      {showAuthor && (
        <Text component="div" size="xs" fw={600} c="gray.7" className={classes.author} dir="auto">
          {author}
          {look.isPrivate && (
            <span className={classes.privateTag}>
              <IconEye size={12} aria-hidden /> Private note
            </span>
          )}
        </Text>
      )}
      <div className={classes.bubble} data-tone={look.tone}>
        {look.isPrivate && !showAuthor && <VisuallyHidden>Private note: </VisuallyHidden>}
        <div className={classes.body} dir="auto">
          {message.body}
        </div>
        <div className={classes.meta}>
          {look.isPrivate && (
            <IconEye size={12} aria-label="Only agents see this" className={classes.eye} />
          )}
          <time dateTime={message.createdAt} title={formatDateTime(message.createdAt)}>
            {formatClock(message.createdAt)}
          </time>
        </div>
      </div>
    </div>
  );
});
