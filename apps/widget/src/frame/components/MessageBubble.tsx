import type { OptionsView } from '../state/options';
import type { TimelineItem } from '../state/timeline';
import { formatTime } from '../format';
import { richText } from '../richText';
import { sendErrorText, strings } from '../strings';
import { Avatar } from './Avatar';
import { Attachments, FileChip, type FileActions } from './Files';

type Item = Extract<TimelineItem, { kind: 'message' }>;

interface Props {
  item: Item;
  onRetry: (clientId: string) => void;
  /** Waiting for the visitor rather than the server: no "Sending…". */
  held?: boolean;
  files: FileActions;
  /** An options message's buttons: how they stand. */
  options?: OptionsView | null;
  onAnswer?: (messageId: string, choice: number) => void;
}

/**
 * One message. The body is text nodes and links built here: message text is never parsed as
 * HTML. File names are text too.
 */
export function MessageBubble({ item, onRetry, held, files, options, onAnswer }: Props) {
  if (item.author === 'system') {
    return (
      <p class="system" dir="auto">
        {richText(item.body)}
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
  const time = item.last && !p && (
    <time dateTime={item.createdAt.toISOString()}>{formatTime(item.createdAt)}</time>
  );

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
        {item.body && (
          <div class="bubble" dir="auto">
            {richText(item.body)}
          </div>
        )}
        {item.attachments.length > 0 && <Attachments files={item.attachments} actions={files} />}
        {item.uploads.length > 0 && (
          <div class="files">
            {item.uploads.map((u) => (
              <FileChip key={u.key} item={u} />
            ))}
          </div>
        )}
        {item.messageKind === 'options' && options && item.id && (
          <div class="choices msg-choices" role="group" aria-label={item.body}>
            {item.choices.map((choice, i) => (
              <button
                type="button"
                key={i}
                class={options.chosen === i ? 'choice-btn chosen' : 'choice-btn'}
                dir="auto"
                disabled={options.disabled}
                aria-pressed={options.chosen === i}
                onClick={() => onAnswer?.(item.id!, i)}
              >
                {choice}
              </button>
            ))}
            {options.errorCode && (
              <p class="msg-meta failed" role="alert">
                {strings.answerFailed}
              </p>
            )}
          </div>
        )}
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
          (time || item.seen) && (
            <div class="msg-meta">
              {time}
              {time && item.seen && ' · '}
              {item.seen && <span class="seen">{strings.seen}</span>}
            </div>
          )
        )}
      </div>
    </div>
  );
}
