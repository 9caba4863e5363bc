import type { ComponentChildren } from 'preact';
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
}

/** Closer than this to the bottom counts as "reading the latest": new messages scroll in. */
const STICK_PX = 96;

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
}: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const seenId = useMemo(() => seenMarker(messages, seenSeq), [messages, seenSeq]);
  const items = useMemo(
    () => buildTimeline(messages, pending, uploads, seenId),
    [messages, pending, uploads, seenId],
  );
  const answered = useMemo(() => answersOf(messages), [messages]);
  const last = items[items.length - 1];
  const lastIsMine = last?.kind === 'message' && last.author === 'visitor';

  useLayoutEffect(() => {
    const el = scroller.current;
    // Our own new message always brings the view down; others only if we were at the bottom.
    if (el && (stick.current || lastIsMine)) el.scrollTop = el.scrollHeight;
    // "Seen" and a question's answer grow the last lines too.
  }, [items.length, last?.key, after, visible, lastIsMine, seenId, answers]);

  const onScroll = () => {
    const el = scroller.current;
    if (el) stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX;
  };

  return (
    <div class="scroller" ref={scroller} onScroll={onScroll}>
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
            />
          ),
        )}
      </div>
      {after}
    </div>
  );
}
