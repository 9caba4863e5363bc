import type { TicketInput } from '@parley/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatStore } from '../state/chatStore';
import { decideView } from '../state/view';
import { strings } from '../strings';
import { useChat } from '../useChat';
import { Composer } from './Composer';
import { ConnectionBanner } from './ConnectionBanner';
import { DepartmentPicker } from './DepartmentPicker';
import { EndedPanel } from './EndedPanel';
import { Header } from './Header';
import { MessageForm } from './MessageForm';
import { MessageList } from './MessageList';
import { OfflineNotice } from './OfflineNotice';
import { QueueBar } from './QueueBar';
import { ThankYou } from './ThankYou';
import { TypingIndicator } from './TypingIndicator';
import { UnservedPrompt } from './UnservedPrompt';
import { Welcome } from './Welcome';

interface Props {
  store: ChatStore;
  /** Asks the host page to minimize the chat; absent when the frame stands alone. */
  onMinimize?: () => void;
}

export function App({ store, onMinimize }: Props) {
  const s = useChat(store);
  const { config, conversation, messages, pending } = s;
  // The visitor has typed into the offline form: chat becoming possible does not sweep it away.
  const [formInUse, setFormInUse] = useState(false);
  const formValues = useRef<TicketInput | null>(null);
  const view = decideView({
    agentsAvailable: config?.agentsAvailable,
    conversation,
    ticketAt: s.ticket?.createdAt ?? null,
    askDepartment: s.askDepartment,
    formInUse,
  });
  // The message form offered to a waiting chat, opened by the visitor ("Leave a message").
  const [formOpen, setFormOpen] = useState(false);
  const [focusComposer, setFocusComposer] = useState(0);
  const inLine = view.mode === 'unserved' || view.mode === 'waiting';

  useEffect(() => {
    // Served or ended: the form offered while waiting has no purpose any more.
    if (!inLine) setFormOpen(false);
  }, [inLine]);

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

  // Panels that appear by themselves take focus only while the visitor is in the chat, so a
  // reopened chat after a page load never pulls focus (or the phone keyboard) from the page.
  const canFocus = s.hostOpen && document.hasFocus();
  const available = config?.agentsAvailable !== false;
  const sendTicket = async (input: TicketInput) => {
    const outcome = await store.sendTicket(input);
    if (outcome.ok) setFormInUse(false);
    return outcome;
  };
  const onFormEdit = (values: TicketInput) => {
    formValues.current = values;
    if (!formInUse) setFormInUse(true);
  };

  let main;
  if (view.mode === 'offline') {
    main = (
      <div class="scroller">
        {view.thanks ? (
          <ThankYou takeFocus={canFocus} onAnother={() => store.dismissTicket()} />
        ) : (
          <MessageForm
            intro={
              <OfflineNotice
                onChatInstead={
                  view.canChat
                    ? () => {
                        store.keepDraft(formValues.current?.message ?? '');
                        setFormInUse(false);
                      }
                    : undefined
                }
              />
            }
            initialMessage={store.leftoverText()}
            onSubmit={sendTicket}
            onEdit={onFormEdit}
            autoFocus={canFocus}
          />
        )}
      </div>
    );
  } else {
    const closed = view.mode === 'ended';
    // Once opened, the form stays while the chat waits, even if someone becomes available.
    const unservedForm = inLine && formOpen;
    const reason = view.mode === 'unserved' ? view.reason : 'waited';
    main = (
      <>
        <MessageList
          messages={messages}
          pending={pending}
          onRetry={(id) => store.retry(id)}
          visible={s.hostOpen}
          held={view.mode === 'chat' && view.askDepartment}
          before={!closed && <Welcome config={config} />}
          after={
            <>
              {s.agentTyping !== null && !closed && <TypingIndicator name={s.agentTyping} />}
              {view.mode === 'chat' && view.askDepartment && config && (
                <DepartmentPicker
                  departments={config.departments}
                  autoFocus={canFocus}
                  onChoose={(id) => {
                    store.chooseDepartment(id);
                    setFocusComposer((n) => n + 1);
                  }}
                />
              )}
              {unservedForm ? (
                <MessageForm
                  intro={<UnservedPrompt reason={reason} />}
                  initialMessage={store.leftoverText()}
                  onSubmit={sendTicket}
                  onCancel={() => setFormOpen(false)}
                  autoFocus
                />
              ) : (
                view.mode === 'unserved' && (
                  <UnservedPrompt reason={view.reason} onLeaveMessage={() => setFormOpen(true)} />
                )
              )}
              {(view.mode === 'chat' || view.mode === 'ended') && view.thanks && (
                <ThankYou takeFocus={closed && canFocus} />
              )}
            </>
          }
        />
        {closed ? (
          <EndedPanel
            onStartNew={() => store.startNewChat()}
            label={
              available
                ? strings.startNew
                : view.thanks
                  ? strings.sendAnother
                  : strings.leaveMessage
            }
          />
        ) : (
          !unservedForm && (
            <Composer
              initial={store.draftText}
              onSend={(t) => store.send(t)}
              onDraft={(t) => store.draftChanged(t)}
              visible={s.hostOpen}
              focusSignal={focusComposer}
            />
          )
        )}
      </>
    );
  }

  return (
    <div class="app">
      <Header
        config={config}
        conversation={conversation}
        onMinimize={onMinimize}
        onEndChat={() => store.endChat()}
      />
      <ConnectionBanner connection={s.connection} />
      {(view.mode === 'waiting' || view.mode === 'unserved') && (
        <QueueBar queue={view.queue} positionOnly={view.mode === 'unserved'} />
      )}
      {main}
      <p class="footer">{strings.poweredBy}</p>
    </div>
  );
}
