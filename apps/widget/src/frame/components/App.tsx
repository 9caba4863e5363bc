import type { Attachment, TicketInput } from '@parley/protocol';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ChatStore } from '../state/chatStore';
import { shownInvitation } from '../state/live';
import { askedFields } from '../state/prechat';
import { decideView } from '../state/view';
import { currentLanguage, strings } from '../strings';
import { useChat } from '../useChat';
import { Composer } from './Composer';
import { ConnectionBanner } from './ConnectionBanner';
import { DepartmentPicker } from './DepartmentPicker';
import { EndedPanel } from './EndedPanel';
import type { FileActions } from './Files';
import { Header, type MenuActions } from './Header';
import { useExtras } from './lazy';
import { PrechatForm } from './Prechat';
import { RatingPanel } from './Rating';
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
import { ChatIcon } from './icons';

const hasFiles = (e: DragEvent) => !!e.dataTransfer?.types.includes('Files');

interface Props {
  store: ChatStore;
  /** Asks the host page to minimize the chat; absent when the frame stands alone. */
  onMinimize?: () => void;
  /** Opens a page of the site in the host page; false when it must open in a new tab. */
  onOpenPage?: (url: string) => boolean;
}

type DialogName = 'details' | 'transcript' | 'end';

export function App({ store, onMinimize, onOpenPage }: Props) {
  const s = useChat(store);
  const { config, conversation, messages, pending } = s;
  // The visitor has typed into the offline form: chat becoming possible does not sweep it away.
  const [formInUse, setFormInUse] = useState(false);
  const formValues = useRef<TicketInput | null>(null);
  const invitation = shownInvitation(s.invitation, conversation, messages);
  const survey = useMemo(
    () => askedFields(config?.prechatFields, config?.departments ?? []),
    [config],
  );
  const view = decideView({
    agentsAvailable: config?.agentsAvailable,
    conversation,
    ticketAt: s.ticket?.createdAt ?? null,
    askDepartment: s.askDepartment,
    formInUse,
    invitation: invitation?.status === 'pending',
    survey: survey.length > 0,
  });
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const [shown, setShown] = useState<{ file: Attachment; url: string } | null>(null);
  const extras = useExtras(dialog !== null || shown !== null);
  // The message form offered to a waiting chat, opened by the visitor ("Leave a message").
  const [formOpen, setFormOpen] = useState(false);
  const [focusComposer, setFocusComposer] = useState(0);
  const inLine = view.mode === 'unserved' || view.mode === 'waiting';
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

  const open = isOpen(conversation);
  useEffect(() => {
    // The agent ended the chat while the visitor was being asked whether to end it.
    if (dialog === 'end' && !open) setDialog(null);
  }, [dialog, open]);

  useEffect(() => {
    if (!onMinimize) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onMinimize();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onMinimize]);

  // Banned, or chat switched off: a neutral line, nothing to start or type into.
  if (s.connection === 'unavailable' || s.disabled) {
    return (
      <main class="app">
        <Header
          config={config}
          agent={null}
          department={null}
          live={false}
          onMinimize={onMinimize}
          unavailable
        />
        <div class="unavailable">
          <span class="notice-icon" aria-hidden="true">
            <ChatIcon />
          </span>
          <p>{strings.unavailable}</p>
        </div>
      </main>
    );
  }

  const agent = conversation?.agent ?? invitation?.agent ?? null;
  const photoOf = (id: string | null) => {
    if (!config?.showAgentPhoto || !id) return null;
    const known = [conversation?.agent, invitation?.agent].find((a) => a?.id === id);
    return known?.avatarUrl ?? null;
  };
  const menu: MenuActions | undefined = s.loaded
    ? {
        details: () => setDialog('details'),
        transcript: conversation ? () => setDialog('transcript') : undefined,
        endChat: open ? () => setDialog('end') : undefined,
        muted: s.muted,
        toggleMute: () => store.toggleMute(),
      }
    : undefined;
  // Rating an ended chat means something only when someone answered it.
  const served = !!conversation?.agent || messages.some((m) => m.author.type === 'agent');

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
  if (view.mode === 'survey') {
    main = (
      <div class="scroller">
        <Welcome config={config} />
        <PrechatForm
          fields={survey}
          config={config!}
          visitor={s.visitor}
          autoFocus={canFocus}
          onSubmit={async (values) => {
            const outcome = await store.submitPrechat(values);
            if (outcome.ok) setFocusComposer((n) => n + 1);
            return outcome;
          }}
        />
      </div>
    );
  } else if (view.mode === 'offline') {
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
          open={open}
          answers={s.answers}
          onAnswer={(id, choice) => void store.answer(id, choice)}
          photoOf={photoOf}
          onOpenPage={onOpenPage}
          invitation={invitation}
          onDecline={() => {
            store.declineInvitation();
            onMinimize?.();
          }}
          before={!closed && !invitation && <Welcome config={config} />}
          after={
            <>
              {closed && served && (
                <RatingPanel
                  key={conversation!.id}
                  saved={conversation!.rating}
                  onRate={(rating, comment) => store.rate(rating, comment)}
                />
              )}
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

  const closeDialog = () => setDialog(null);

  return (
    <main class="app" onDragOver={onDragOver} onDragLeave={onDragLeave} onDrop={onDrop}>
      {dragging && (
        <div class="dropzone" aria-hidden="true">
          <span>{strings.dropFiles}</span>
        </div>
      )}
      {shown && extras && (
        <extras.Lightbox
          file={shown.file}
          url={shown.url}
          onClose={() => setShown(null)}
          onSave={() => void store.files.save(shown.file).catch(() => undefined)}
        />
      )}
      <Header
        config={config}
        agent={agent}
        department={conversation?.department?.name ?? null}
        live={agent ? open || !!invitation : config?.agentsAvailable === true}
        onMinimize={onMinimize}
        menu={menu}
        menuButton={menuButton}
      />
      <ConnectionBanner connection={s.connection} />
      {(view.mode === 'waiting' || view.mode === 'unserved') && (
        <QueueBar queue={view.queue} positionOnly={view.mode === 'unserved'} />
      )}
      {main}
      <p class="footer">{strings.poweredBy}</p>
      {extras && dialog === 'details' && (
        <extras.Dialog title={strings.yourDetails} onClose={closeDialog} returnFocus={menuButton}>
          <extras.DetailsForm
            visitor={s.visitor}
            onSave={(values) => store.updateVisitor(values)}
          />
        </extras.Dialog>
      )}
      {extras && dialog === 'transcript' && (
        <extras.Dialog
          title={strings.emailTranscript}
          onClose={closeDialog}
          returnFocus={menuButton}
        >
          <extras.TranscriptForm
            email={s.visitor?.email ?? ''}
            onSend={(email) => store.sendTranscript(email, currentLanguage())}
          />
        </extras.Dialog>
      )}
      {extras && dialog === 'end' && (
        <extras.Dialog
          title={strings.endChatQuestion}
          onClose={closeDialog}
          returnFocus={menuButton}
          alert
        >
          <extras.EndChatConfirm
            onCancel={closeDialog}
            onConfirm={async () => {
              const ended = await store.endChat();
              if (ended) closeDialog();
              return ended;
            }}
          />
        </extras.Dialog>
      )}
    </main>
  );
}
