import type { PageCard } from '@parley/protocol';
import { useState } from 'preact/hooks';
import type { OptionsView } from '../state/options';
import type { TimelineItem } from '../state/timeline';
import { formatTime } from '../format';
import { richText } from '../richText';
import { sendErrorText, strings, systemText } from '../strings';
import { Avatar } from './Avatar';
import { Attachments, FileChip, type FileActions } from './Files';
import { ExternalIcon } from './icons';

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
  /** The agent's photo (when the site shows agent photos). */
  photo?: string | null;
  /** Opens a card's page in the host page; false when it must open in a new tab instead. */
  onOpenPage?: (url: string) => boolean;
}

/** Card pictures come from the shop's own site; anything but http(s) is not shown. */
function isWebUrl(url: string | null): url is string {
  return !!url && /^https?:\/\//i.test(url);
}

/** A page the agent sent: picture, name, price and a way there. */
function Card({ card, onOpenPage }: { card: PageCard; onOpenPage?: (url: string) => boolean }) {
  const [broken, setBroken] = useState(false);
  if (!isWebUrl(card.url)) return null;
  return (
    <div class="card">
      {isWebUrl(card.image) && !broken && (
        <img class="card-img" src={card.image} alt="" onError={() => setBroken(true)} />
      )}
      <div class="card-body">
        <p class="card-title" dir="auto">
          {card.title}
        </p>
        {card.price && <p class="card-price">{card.price}</p>}
        {card.description && (
          <p class="card-desc" dir="auto">
            {card.description}
          </p>
        )}
        <a
          class="card-link"
          href={card.url}
          target="_blank"
          rel="noopener noreferrer"
          onClick={(e) => {
            if (onOpenPage?.(card.url)) e.preventDefault();
          }}
        >
          {strings.view}
          <ExternalIcon />
        </a>
      </div>
    </div>
  );
}

/** An options message's buttons; the visitor's answer stays pressed. */
function Choices({
  item,
  options,
  onAnswer,
}: Pick<Props, 'item' | 'onAnswer'> & { options: OptionsView }) {
  return (
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
  );
}

/** Under a message: not sent (with Retry), sending, or its time and "Seen". */
function Meta({ item, held, onRetry }: Pick<Props, 'item' | 'held' | 'onRetry'>) {
  const p = item.pending;
  const time = item.last && !p && (
    <time dateTime={item.createdAt.toISOString()}>{formatTime(item.createdAt)}</time>
  );
  return p?.state === 'failed' ? (
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
  );
}

/**
 * One message. The body is text nodes and links built here: message text is never parsed as
 * HTML. File names are text too.
 */
export function MessageBubble({
  item,
  onRetry,
  held,
  files,
  options,
  onAnswer,
  photo,
  onOpenPage,
}: Props) {
  if (item.author === 'system') {
    return (
      <p class="system" dir="auto">
        {item.system ? systemText(item.system) : richText(item.body)}
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
      {!mine && (
        <div class="msg-avatar">{item.last && <Avatar name={name} url={photo} size="sm" />}</div>
      )}
      <div class="msg-col">
        {!mine && item.first && (
          <div class="msg-name" aria-hidden="true">
            {name}
          </div>
        )}
        {/* Outside the bubble so that dir="auto" sees only the message's own text. */}
        <span class="sr">{name}: </span>
        {/* A card's body repeats its address or title: the card says it better. */}
        {item.body &&
          !(item.card && [item.card.url, item.card.title].includes(item.body.trim())) && (
            <div class="bubble" dir="auto">
              {richText(item.body)}
            </div>
          )}
        {item.card && <Card card={item.card} onOpenPage={onOpenPage} />}
        {item.attachments.length > 0 && <Attachments files={item.attachments} actions={files} />}
        {item.uploads.length > 0 && (
          <div class="files">
            {item.uploads.map((u) => (
              <FileChip key={u.key} item={u} />
            ))}
          </div>
        )}
        {item.messageKind === 'options' && options && item.id && (
          <Choices item={item} options={options} onAnswer={onAnswer} />
        )}
        <Meta item={item} held={held} onRetry={onRetry} />
      </div>
    </div>
  );
}
