import type { Attachment, TicketInput } from '@parley/protocol';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ChatStore } from '../state/chatStore';
import { decideView } from '../state/view';
import { strings } from '../strings';
import { useChat } from '../useChat';
import { Composer } from './Composer';
import { ConnectionBanner } from './ConnectionBanner';
import { DepartmentPicker } from './DepartmentPicker';
import { EndedPanel } from './EndedPanel';
import { Lightbox, type FileActions } from './Files';
import { Header } from './Header';
import { MessageForm } from './MessageForm';
import { MessageList } from './MessageList';
import { OfflineNotice } from './OfflineNotice';
import { QueueBar } from './QueueBar';
import { ThankYou } from './ThankYou';
import { TypingIndicator } from './TypingIndicator';
import { UnservedPrompt } from './UnservedPrompt';
import { Welcome } from './Welcome';
import { trayOf } from '../state/uploads';
import { isOpen } from '../state/types';

const hasFiles = (e: DragEvent) => !!e.dataTransfer?.types.includes('Files');

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
  const [shown, setShown] = useState<{ file: Attachment; url: string } | null>(null);
  const [dragging, setDragging] = useState(false);
  const files = useMemo<FileActions>(
    () => ({
      image: (id) => store.files.image(id),
      save: (file) => store.files.save(file),
      open: (file, url) => setShown({ file, url }),
    }),
    [store],
  );
  const tray = useMemo(() => trayOf(s.uploads), [s.uploads]);

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
  let composing = false;
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
    composing = !closed && !unservedForm;
    main = (
      <>
        <MessageList
          messages={messages}
          pending={pending}
          onRetry={(id) => store.retry(id)}
          visible={s.hostOpen}
          held={view.mode === 'chat' && view.askDepartment}
          uploads={s.uploads}
          files={files}
          seenSeq={(s.agentSeen?.conversationId === conversation?.id && s.agentSeen?.seq) || 0}
          open={isOpen(conversation)}
          answers={s.answers}
          onAnswer={(id, choice) => void store.answer(id, choice)}
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
              files={tray}
              tooManyFiles={s.tooManyFiles}
              onFiles={(f) => store.addFiles(f)}
              onRemoveFile={(key) => store.removeFile(key)}
            />
          )
        )}
      </>
    );
  }

  // Files dropped anywhere on the chat go to the tray while there is a composer to send them.
  const onDragOver = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    e.dataTransfer!.dropEffect = composing ? 'copy' : 'none';
    if (composing && !dragging) setDragging(true);
  };
  const onDragLeave = (e: DragEvent) => {
    // Leaving for a child is not leaving the chat.
    if (!(e.currentTarget as Node).contains(e.relatedTarget as Node | null)) setDragging(false);
  };
  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    // Never let the browser open a dropped file in the frame instead of the chat.
    e.preventDefault();
    setDragging(false);
    if (composing) store.addFiles([...(e.dataTransfer?.files ?? [])]);
  };

  return (
    <div class="app" onDragOver={onDragOver} onDragLeave={onDragLeave} onDrop={onDrop}>
      {dragging && (
        <div class="dropzone" aria-hidden="true">
          <span>{strings.dropFiles}</span>
        </div>
      )}
      {shown && (
        <Lightbox
          file={shown.file}
          url={shown.url}
          onClose={() => setShown(null)}
          onSave={() => void store.files.save(shown.file).catch(() => undefined)}
        />
      )}
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
