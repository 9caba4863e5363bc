import type { Conversation } from '@parley/protocol';
import { visitorLabel } from '../../client/selectors';
import { useConsoleState } from '../../context';
import { ChatHeader } from './ChatHeader';
import classes from './ChatView.module.css';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { TypingIndicator } from './TypingIndicator';

/** One open chat: who it is with, what was said, and the reply box. */
export function ChatView({ conversation }: { conversation: Conversation }) {
  const { me, visitorTyping } = useConsoleState();
  const ownedByMe = conversation.status === 'active' && conversation.assignee?.id === me.id;

  return (
    <section className={classes.view} aria-label={`Chat with ${visitorLabel(conversation)}`}>
      <ChatHeader conversation={conversation} ownedByMe={ownedByMe} />
      <MessageList conversation={conversation} />
      <div className={classes.footer}>
        <TypingIndicator
          active={Boolean(visitorTyping[conversation.id]) && conversation.status !== 'closed'}
        />
        <Composer conversation={conversation} enabled={ownedByMe} />
      </div>
    </section>
  );
}
