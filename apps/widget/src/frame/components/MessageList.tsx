import type { ComponentChildren } from 'preact';
import type { ProactiveInvitation } from '@parley/protocol';
import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { ChatMessage, PendingMessage } from '../state/messages';
import { answersOf, optionsView, type PendingAnswer } from '../state/options';
import { seenMarker } from '../state/seen';
import { buildTimeline } from '../state/timeline';
import type { UploadItem } from '../state/uploads';
import { strings } from '../strings';
import { DayDivider } from './DayDivider';
import type { FileActions } from './Files';
import { MessageBubble } from './MessageBubble';

interface Props {
  messages: readonly ChatMessage[];
  pending: readonly PendingMessage[];
  onRetry: (clientId: string) => void;
  /** Shown above the log (welcome) and below it (typing, notices). */
  before?: ComponentChildren;
  after?: ComponentChildren;
  /** Changes when the chat becomes visible, to jump to the newest message. */
  visible: boolean;
  /** Unsent messages wait for the visitor (a department to pick), not for the network. */
  held?: boolean;
  /** Files of messages being sent. */
  uploads: readonly UploadItem[];
  files: FileActions;
  /** An agent has read up to this seq: "Seen" under the visitor's message there. */
  seenSeq: number;
  /** Options can be answered (the chat is open). */
  open: boolean;
  answers: Readonly<Record<string, PendingAnswer>>;
  onAnswer: (messageId: string, choice: number) => void;
  /** An agent's photo by their id, when the site shows photos. */
  photoOf?: (agentId: string | null) => string | null;
  onOpenPage?: (url: string) => boolean;
  /** A proactive invitation, shown as the agent's first message. */
  invitation?: ProactiveInvitation | null;
  /** "No thanks" under a pending invitation. */
  onDecline?: () => void;
}

/** Closer than this to the bottom counts as "reading the latest": new messages scroll in. */
const STICK_PX = 96;

/** Keeps the view at the latest message while the visitor reads there (or just wrote). */
function useStickToBottom(force: boolean, changes: unknown[]) {
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && (stick.current || force)) el.scrollTop = el.scrollHeight;
  }, [force, ...changes]);
  const onScroll = () => {
    const el = scroller.current;
    if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
  };
  return { scroller, onScroll };
}

export function MessageList({
  messages,
  pending,
  onRetry,
  before,
  after,
  visible,
  held,
  uploads,
  files,
  seenSeq,
  open,
  answers,
  onAnswer,
  photoOf,
  onOpenPage,
  invitation,
  onDecline,
}: Props) {
  const seenId = useMemo(() => seenMarker(messages, seenSeq), [messages, seenSeq]);
  const items = useMemo(
    () => buildTimeline(messages, pending, uploads, seenId),
    [messages, pending, uploads, seenId],
  );
  const answered = useMemo(() => answersOf(messages), [messages]);
  const last = items[items.length - 1];
  const lastIsMine = last?.kind === 'message' && last.author === 'visitor';

  // Our own new message always brings the view down; others only if we were at the bottom.
  // "Seen" and a question's answer grow the last lines too.
  const grew = [items.length, last?.key, after, visible, seenId, answers, invitation];
  const { scroller, onScroll } = useStickToBottom(lastIsMine, grew);

  return (
    // Focusable so that keyboard users can scroll a history with no links or buttons in it.
    <div
      class="scroller"
      ref={scroller}
      onScroll={onScroll}
      tabIndex={0}
      role="region"
      aria-label={strings.conversationLabel}
    >
      {before}
      <div class="log" role="log" aria-live="polite" aria-label={strings.messagesLabel}>
        {items.map((item) =>
          item.kind === 'day' ? (
            <DayDivider key={item.key} date={item.date} />
          ) : (
            <MessageBubble
              key={item.key}
              item={item}
              onRetry={onRetry}
              held={held}
              files={files}
              options={
                item.messageKind === 'options' && item.id
                  ? optionsView(item.id, answered, answers, open)
                  : null
              }
              onAnswer={onAnswer}
              photo={item.author === 'agent' ? photoOf?.(item.authorId) : null}
              onOpenPage={onOpenPage}
            />
          ),
        )}
        {invitation && (
          <MessageBubble
            item={invitationItem(invitation)}
            onRetry={onRetry}
            files={files}
            photo={photoOf?.(invitation.agent.id)}
          />
        )}
      </div>
      {invitation?.status === 'pending' && onDecline && (
        <button type="button" class="link-btn decline" onClick={onDecline}>
          {strings.noThanks}
        </button>
      )}
      {after}
    </div>
  );
}

type Item = Extract<ReturnType<typeof buildTimeline>[number], { kind: 'message' }>;

/** The invitation drawn like the agent's message that it becomes once the visitor replies. */
function invitationItem(i: ProactiveInvitation): Item {
  return {
    kind: 'message',
    key: `i:${i.id}`,
    author: 'agent',
    authorId: i.agent.id,
    authorName: i.agent.name,
    body: i.message,
    createdAt: new Date(i.createdAt),
    first: true,
    last: true,
    pending: null,
    id: null,
    messageKind: 'text',
    choices: [],
    attachments: [],
    uploads: [],
    seen: false,
    card: null,
  };
}
