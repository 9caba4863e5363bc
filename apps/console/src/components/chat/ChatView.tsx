import { Alert } from '@mantine/core';
import type { Conversation } from '@parley/protocol';
import { IconDoorExit } from '@tabler/icons-react';
import { closedNotice } from '../../client/permissions';
import { visitorLabel } from '../../client/selectors';
import { useConsoleState } from '../../context';
import { formatClock } from '../../format';
import { ChatHeader } from './ChatHeader';
import classes from './ChatView.module.css';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { TypingIndicator } from './TypingIndicator';

/** One open chat: who it is with, what was said, and the reply box. */
export function ChatView({ conversation }: { conversation: Conversation }) {
  const { visitorTyping } = useConsoleState();
  const ended = closedNotice(conversation);

  return (
    <section className={classes.view} aria-label={`Chat with ${visitorLabel(conversation)}`}>
      <ChatHeader conversation={conversation} />
      <MessageList conversation={conversation} />
      <div className={classes.footer}>
        {ended ? (
          <Alert
            role="status"
            color={conversation.closedBy === 'visitor' ? 'orange' : 'gray'}
            variant="light"
            icon={<IconDoorExit size={18} aria-hidden />}
            my="sm"
            py={8}
          >
            <strong>{ended}</strong>
            {conversation.closedAt ? ` at ${formatClock(conversation.closedAt)}` : ''}. It stays
            under Closed in your list.
          </Alert>
        ) : (
          <TypingIndicator active={Boolean(visitorTyping[conversation.id])} />
        )}
        <Composer conversation={conversation} />
      </div>
    </section>
  );
}
