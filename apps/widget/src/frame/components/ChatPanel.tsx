import type { PrechatField, ProactiveInvitation, TicketInput } from '@parley/protocol';
import { useMemo, useRef, type StateUpdater } from 'preact/hooks';
import { isOpen, type ChatState, type Outcome } from '../state/types';
import { trayOf } from '../state/uploads';
import type { View } from '../state/view';
import { inLanguage, strings } from '../strings';
import type { AppProps } from './App';
import { Composer } from './Composer';
import { DepartmentPicker } from './DepartmentPicker';
import { Earlier } from './Earlier';
import { EndedPanel } from './EndedPanel';
import type { FileActions } from './Files';
import { MessageForm } from './MessageForm';
import { MessageList } from './MessageList';
import { OfflineNotice } from './OfflineNotice';
import { PrechatForm } from './Prechat';
import { RatingPanel } from './Rating';
import { ThankYou } from './ThankYou';
import { TypingIndicator } from './TypingIndicator';
import { UnservedPrompt } from './UnservedPrompt';
import { Welcome } from './Welcome';

type State<T> = readonly [T, (value: StateUpdater<T>) => void];

interface Props extends AppProps {
  s: ChatState;
  view: View;
  /** The pre-chat questions the site asks. */
  fields: readonly PrechatField[];
  invitation: ProactiveInvitation | null;
  files: FileActions;
  /** Whether the visitor opened the message form while waiting ("Leave a message"). */
  form: State<boolean>;
  /** The visitor has typed into the offline form (see view.ts). */
  inUse: State<boolean>;
  /** Bumped to give the composer the focus. */
  focus: State<number>;
}

type SendForm = (input: TicketInput) => Promise<Outcome>;

/**
 * The panel of the current mode: the survey or the offline message form; else the
 * conversation (waiting, unserved, chatting or ended) with what goes under it, and the
 * composer or the way to start over.
 */
export function ChatPanel(p: Props) {
  const { s, store, view } = p;
  const { config, conversation, messages } = s;
  const tray = useMemo(() => trayOf(s.uploads), [s.uploads]);
  // The offline form's text, kept for "Chat with us instead".
  const formValues = useRef<TicketInput | null>(null);
  // Panels that appear by themselves take focus only while the visitor is in the chat, so a
  // reopened chat after a page load never pulls focus (or the phone keyboard) from the page.
  const autoFocus = s.hostOpen && document.hasFocus();
  const sendForm: SendForm = async (input) => {
    const outcome = await store.sendTicket(input);
    if (outcome.ok) p.inUse[1](false);
    return outcome;
  };
  if (view.mode === 'survey' || view.mode === 'offline')
    return <div class="scroller">{formPanel(p, view, autoFocus, sendForm, formValues)}</div>;

  const closed = view.mode === 'ended';
  // Once opened, the form stays while the chat waits, even if someone becomes available.
  const unservedForm = (view.mode === 'unserved' || view.mode === 'waiting') && p.form[0];
  return (
    <>
      <MessageList
        messages={messages}
        pending={s.pending}
        onRetry={(id) => store.retry(id)}
        visible={s.hostOpen}
        held={view.mode === 'chat' && view.askDepartment}
        uploads={s.uploads}
        files={p.files}
        seenSeq={(s.agentSeen?.conversationId === conversation?.id && s.agentSeen?.seq) || 0}
        open={isOpen(conversation)}
        answers={s.answers}
        onAnswer={(id, choice) => void store.answer(id, choice)}
        photoOf={(id) => agentPhoto(p, id)}
        onOpenPage={p.onOpenPage}
        invitation={p.invitation}
        onDecline={() => {
          store.declineInvitation();
          p.onMinimize?.();
        }}
        before={
          <>
            <Earlier
              store={store}
              id={conversation?.id}
              online={s.connection === 'online'}
              files={p.files}
            />
            {!closed && !p.invitation && <Welcome config={config} />}
          </>
        }
        after={notices(p, closed, unservedForm, autoFocus, sendForm)}
      />
      {closed ? (
        <EndedPanel
          onStartNew={() => store.startNewChat()}
          label={
            config?.agentsAvailable !== false
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
            focusSignal={p.focus[0]}
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

const refocus = (p: Props) => p.focus[1]((n) => n + 1);

/** The photo beside an agent's messages, when the site shows them. */
function agentPhoto(p: Props, id: string | null | undefined): string | null {
  const { config, conversation } = p.s;
  if (!config?.showAgentPhoto || !id) return null;
  const known = [conversation?.agent, p.invitation?.agent].find((a) => a?.id === id);
  return known?.avatarUrl ?? null;
}

/** Before a chat: the site's pre-chat questions, or the message form while nobody is there. */
function formPanel(
  p: Props,
  view: Extract<View, { mode: 'survey' } | { mode: 'offline' }>,
  autoFocus: boolean,
  sendForm: SendForm,
  formValues: { current: TicketInput | null },
) {
  const { s, store } = p;
  if (view.mode === 'survey')
    return (
      <>
        <Welcome config={s.config} />
        <PrechatForm
          fields={p.fields}
          config={s.config!}
          visitor={s.visitor}
          autoFocus={autoFocus}
          onSubmit={async (values) => {
            const outcome = await store.submitPrechat(values);
            if (outcome.ok) refocus(p);
            return outcome;
          }}
        />
      </>
    );
  return view.thanks ? (
    <ThankYou takeFocus={autoFocus} onAnother={() => store.dismissTicket()} />
  ) : (
    <MessageForm
      intro={
        <OfflineNotice
          body={inLanguage(s.config?.offlineMessage)}
          onChatInstead={
            view.canChat
              ? () => {
                  store.keepDraft(formValues.current?.message ?? '');
                  p.inUse[1](false);
                }
              : undefined
          }
        />
      }
      initialMessage={store.leftoverText()}
      onSubmit={sendForm}
      onEdit={(values) => {
        formValues.current = values;
        if (!p.inUse[0]) p.inUse[1](true);
      }}
      autoFocus={autoFocus}
    />
  );
}

/** Under the messages: the rating, typing, the department to pick, the message form, thanks. */
function notices(
  p: Props,
  closed: boolean,
  unservedForm: boolean,
  autoFocus: boolean,
  sendForm: SendForm,
) {
  const { s, store, view } = p;
  const { config, conversation } = s;
  // Rating an ended chat means something only when someone answered it.
  const served = !!conversation?.agent || s.messages.some((m) => m.author.type === 'agent');
  return (
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
          autoFocus={autoFocus}
          onChoose={(id) => {
            store.chooseDepartment(id);
            refocus(p);
          }}
        />
      )}
      {unservedForm ? (
        <MessageForm
          intro={<UnservedPrompt reason={view.mode === 'unserved' ? view.reason : 'waited'} />}
          initialMessage={store.leftoverText()}
          onSubmit={sendForm}
          onCancel={() => p.form[1](false)}
          autoFocus
        />
      ) : (
        view.mode === 'unserved' && (
          <UnservedPrompt reason={view.reason} onLeaveMessage={() => p.form[1](true)} />
        )
      )}
      {(view.mode === 'chat' || view.mode === 'ended') && view.thanks && (
        <ThankYou takeFocus={closed && autoFocus} />
      )}
    </>
  );
}
