import type { TimelineItem } from '../state/timeline';
import { formatTime } from '../format';
import { sendErrorText, strings } from '../strings';
import { Avatar } from './Avatar';

type Item = Extract<TimelineItem, { kind: 'message' }>;

interface Props {
  item: Item;
  onRetry: (clientId: string) => void;
  /** Waiting for the visitor rather than the server: no "Sending…". */
  held?: boolean;
}

/** One message. The body is always a text node: message text is never parsed as HTML. */
export function MessageBubble({ item, onRetry, held }: Props) {
  if (item.author === 'system') {
    return (
      <p class="system" dir="auto">
        {item.body}
      </p>
    );
  }
  const mine = item.author === 'visitor';
  const name = mine ? strings.you : item.authorName || strings.agentFallbackName;
  const p = item.pending;
  const classes = [
    'msg',
    mine ? 'mine' : 'theirs',
    item.first && 'first',
    item.last && 'last',
    p && `is-${p.state}`,
  ];

  return (
    <div class={classes.filter(Boolean).join(' ')}>
      {!mine && <div class="msg-avatar">{item.last && <Avatar name={name} size="sm" />}</div>}
      <div class="msg-col">
        {!mine && item.first && (
          <div class="msg-name" aria-hidden="true">
            {name}
          </div>
        )}
        {/* Outside the bubble so that dir="auto" sees only the message's own text. */}
        <span class="sr">{name}: </span>
        <div class="bubble" dir="auto">
          {item.body}
        </div>
        {p?.state === 'failed' ? (
          <div class="msg-meta failed" role="alert">
            <span>
              {strings.notSent} · {sendErrorText(p.errorCode ?? '')}
            </span>
            <button type="button" class="link-btn" onClick={() => onRetry(p.clientId)}>
              {strings.retry}
            </button>
          </div>
        ) : p ? (
          !held && <div class="msg-meta">{strings.sending}</div>
        ) : (
          item.last && (
            <div class="msg-meta">
              <time dateTime={item.createdAt.toISOString()}>{formatTime(item.createdAt)}</time>
            </div>
          )
        )}
      </div>
    </div>
  );
}
