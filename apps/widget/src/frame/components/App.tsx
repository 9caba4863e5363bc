import { useEffect } from 'preact/hooks';
import type { ChatStore } from '../state/chatStore';
import { strings } from '../strings';
import { useChat } from '../useChat';
import { Composer } from './Composer';
import { ConnectionBanner } from './ConnectionBanner';
import { EndedPanel } from './EndedPanel';
import { Header } from './Header';
import { MessageList } from './MessageList';
import { OfflineNotice } from './OfflineNotice';
import { TypingIndicator } from './TypingIndicator';
import { Welcome } from './Welcome';

interface Props {
  store: ChatStore;
  /** Asks the host page to minimize the chat; absent when the frame stands alone. */
  onMinimize?: () => void;
}

export function App({ store, onMinimize }: Props) {
  const s = useChat(store);
  const { config, conversation, messages, pending } = s;

  useEffect(() => {
    if (!onMinimize) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onMinimize();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onMinimize]);

  if (s.connection === 'unavailable' || s.disabled) {
    return (
      <div class="app">
        <Header
          config={config}
          conversation={null}
          onMinimize={onMinimize}
          onEndChat={async () => false}
        />
        <div class="unavailable">{strings.unavailable}</div>
      </div>
    );
  }

  const closed = conversation?.status === 'closed';
  const empty = messages.length === 0 && pending.length === 0;
  const hasAgent = !!conversation?.agent || messages.some((m) => m.author.type === 'agent');
  const waiting = !closed && !!conversation && !hasAgent && !empty;
  const offline = config?.agentsAvailable === false && !hasAgent && !closed;

  return (
    <div class="app">
      <Header
        config={config}
        conversation={conversation}
        onMinimize={onMinimize}
        onEndChat={() => store.endChat()}
      />
      <ConnectionBanner connection={s.connection} />
      <MessageList
        messages={messages}
        pending={pending}
        onRetry={(id) => store.retry(id)}
        visible={s.hostOpen}
        before={
          <>
            {!closed && <Welcome config={config} />}
            {offline && <OfflineNotice />}
          </>
        }
        after={
          <>
            {s.agentTyping !== null && !closed && <TypingIndicator name={s.agentTyping} />}
            {waiting && config?.agentsAvailable !== false && s.agentTyping === null && (
              <p class="system waiting">
                {conversation?.queue
                  ? strings.queuePosition(conversation.queue.position)
                  : strings.waitingForAgent}
              </p>
            )}
          </>
        }
      />
      {closed ? (
        <EndedPanel onStartNew={() => store.startNewChat()} />
      ) : (
        <Composer
          onSend={(t) => store.send(t)}
          onDraft={(t) => store.draftChanged(t)}
          visible={s.hostOpen}
        />
      )}
      <p class="footer">{strings.poweredBy}</p>
    </div>
  );
}
