import type { Attachment } from '@parley/protocol';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ChatStore } from '../state/chatStore';
import { shownInvitation } from '../state/live';
import { askedFields } from '../state/prechat';
import { isOpen, type ChatState } from '../state/types';
import { decideView } from '../state/view';
import { strings } from '../strings';
import { useChat } from '../useChat';
import { ChatPanel } from './ChatPanel';
import { ConnectionBanner } from './ConnectionBanner';
import type { FileActions } from './Files';
import { Header, type MenuActions } from './Header';
import { ChatIcon } from './icons';
import { useExtras } from './lazy';
import type { SheetName } from './MenuSheet';
import { QueueBar } from './QueueBar';

const hasFiles = (e: DragEvent) => !!e.dataTransfer?.types.includes('Files');

export interface AppProps {
  store: ChatStore;
  /** Asks the host page to minimize the chat; absent when the frame stands alone. */
  onMinimize?: () => void;
  /** Opens a page of the site in the host page; false when it must open in a new tab. */
  onOpenPage?: (url: string) => boolean;
}

type DialogName = SheetName;

/**
 * The chat frame: the header, then by mode the survey, the offline form or the conversation
 * (ChatPanel), and the dialogs the menu opens. The state that outlives a mode lives here.
 */
export function App(props: AppProps) {
  const { store, onMinimize } = props;
  const s = useChat(store);
  const { config, conversation } = s;
  // The visitor has typed into the offline form: chat becoming possible does not sweep it away.
  const inUse = useState(false);
  const [view, survey, invitation] = useView(s, inUse[0]);
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const menuButton = useRef<HTMLButtonElement>(null);
  const [shown, setShown] = useState<{ file: Attachment; url: string } | null>(null);
  const extras = useExtras(dialog !== null || shown !== null);
  const inLine = view.mode === 'unserved' || view.mode === 'waiting';
  const form = useFormOffer(inLine);
  const focus = useState(0);
  const drag = useState(false);
  const files = useMemo<FileActions>(
    () => ({
      image: (id) => store.files.image(id),
      save: (file) => store.files.save(file),
      open: (file, url) => setShown({ file, url }),
    }),
    [store],
  );
  const open = isOpen(conversation);
  useEffect(() => {
    // The agent ended the chat while the visitor was being asked whether to end it.
    if (dialog === 'end' && !open) setDialog(null);
  }, [dialog, open]);

  if (s.connection === 'unavailable' || s.disabled) return unavailable(s, onMinimize);

  const agent = conversation?.agent ?? invitation?.agent ?? null;

  return (
    <main class="app" {...fileDrop(view.mode === 'chat' || (inLine && !form[0]), drag, store)}>
      {drag[0] && (
        <div class="dropzone" aria-hidden="true">
          <span>{strings.dropFiles}</span>
        </div>
      )}
      {shown && extras && (
        <extras.Lightbox {...shown} files={files} onClose={() => setShown(null)} />
      )}
      <Header
        config={config}
        agent={agent}
        department={conversation?.department?.name ?? null}
        live={agent ? open || !!invitation : config?.agentsAvailable === true}
        onMinimize={onMinimize}
        menu={s.loaded ? menuOf(s, open, setDialog, store) : undefined}
        menuButton={menuButton}
      />
      <ConnectionBanner connection={s.connection} />
      {inLine && <QueueBar queue={view.queue} positionOnly={view.mode === 'unserved'} />}
      <ChatPanel
        {...props}
        s={s}
        view={view}
        fields={survey}
        invitation={invitation}
        files={files}
        form={form}
        inUse={inUse}
        focus={focus}
      />
      <p class="footer">{strings.poweredBy}</p>
      {extras && dialog && (
        <extras.MenuSheet
          key={dialog}
          name={dialog}
          store={store}
          visitor={s.visitor}
          onClose={() => setDialog(null)}
          returnFocus={menuButton}
        />
      )}
    </main>
  );
}

/** Which panel shows (see view.ts), the pre-chat questions the site asks, the invitation shown. */
function useView(s: ChatState, formInUse: boolean) {
  const { config } = s;
  const invitation = shownInvitation(s.invitation, s.conversation, s.messages);
  const survey = useMemo(
    () => askedFields(config?.prechatFields, config?.departments ?? []),
    [config],
  );
  const view = decideView({
    agentsAvailable: config?.agentsAvailable,
    conversation: s.conversation,
    ticketAt: s.ticket?.createdAt ?? null,
    askDepartment: s.askDepartment,
    formInUse,
    invitation: invitation?.status === 'pending',
    survey: survey.length > 0,
  });
  return [view, survey, invitation] as const;
}

/** The message form offered to a waiting chat, opened by the visitor ("Leave a message"). */
function useFormOffer(inLine: boolean) {
  const form = useState(false);
  const setFormOpen = form[1];
  useEffect(() => {
    // Served or ended: the form offered while waiting has no purpose any more.
    if (!inLine) setFormOpen(false);
  }, [inLine]);
  return form;
}

/**
 * Files dropped anywhere on the chat go to the tray while there is a composer to send them:
 * while chatting or waiting, unless the visitor opened the message form.
 */
function fileDrop(
  composing: boolean,
  [dragging, setDragging]: readonly [boolean, (dragging: boolean) => void],
  store: ChatStore,
) {
  return {
    onDragOver: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer!.dropEffect = composing ? 'copy' : 'none';
      if (composing && !dragging) setDragging(true);
    },
    onDragLeave: (e: DragEvent) => {
      // Leaving for a child is not leaving the chat.
      if (!(e.currentTarget as Node).contains(e.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      // Never let the browser open a dropped file in the frame instead of the chat.
      e.preventDefault();
      setDragging(false);
      if (composing) store.addFiles([...(e.dataTransfer?.files ?? [])]);
    },
  };
}

/** "More options", once the chat has loaded: what the visitor can open or do from it. */
function menuOf(
  s: ChatState,
  open: boolean,
  setDialog: (name: DialogName) => void,
  store: ChatStore,
): MenuActions {
  return {
    details: () => setDialog('details'),
    transcript: s.conversation ? () => setDialog('transcript') : undefined,
    endChat: open ? () => setDialog('end') : undefined,
    muted: s.muted,
    toggleMute: () => store.toggleMute(),
  };
}

/** Banned, or chat switched off: the header and a neutral line, nothing to start or type into. */
function unavailable(s: ChatState, onMinimize: (() => void) | undefined) {
  return (
    <main class="app">
      <Header
        config={s.config}
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
