import type { Rating as SavedRating, RatingValue } from '@parley/protocol';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Outcome } from '../state/types';
import { formError, strings } from '../strings';
import { ThumbIcon } from './icons';

interface Props {
  /** What the visitor said before (the rating may be changed). */
  saved: SavedRating | null;
  onRate: (rating: RatingValue, comment: string) => Promise<Outcome>;
}

interface CommentProps {
  comment: string;
  onInput: (text: string) => void;
  busy: boolean;
  onSubmit: (e: Event) => void;
}

/** After a thumb: a few words on why, sent on their own. */
function CommentForm({ comment, onInput, busy, onSubmit }: CommentProps) {
  return (
    <form class="rate-comment" noValidate onSubmit={onSubmit}>
      <label for="rate-comment" class="field-label">
        {strings.commentLabel}
      </label>
      <textarea
        id="rate-comment"
        class="field-input"
        rows={2}
        maxLength={1000}
        dir="auto"
        value={comment}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      <button
        type="submit"
        class="primary-btn small"
        aria-disabled={busy || !comment.trim() ? true : undefined}
      >
        {strings.sendFeedback}
      </button>
    </form>
  );
}

/**
 * After the chat: good or bad. A click records the rating at once (most visitors stop
 * there); a comment can follow and is sent with it.
 */
export function RatingPanel({ saved, onRate }: Props) {
  const [choice, setChoice] = useState<RatingValue | null>(saved?.value ?? null);
  const [comment, setComment] = useState(saved?.comment ?? '');
  const [commented, setCommented] = useState(!!saved?.comment);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLElement>(null);
  const touched = useRef(false);

  // The panel grows under the visitor's click (thanks, the comment box): keep it in view.
  useLayoutEffect(() => {
    if (touched.current) box.current?.scrollIntoView({ block: 'nearest' });
  }, [choice, busy, commented, error]);

  const send = async (rating: RatingValue, text: string) => {
    setBusy(true);
    setError(null);
    const outcome = await onRate(rating, text);
    setBusy(false);
    if (!outcome.ok) setError(formError(outcome.code));
    return outcome.ok;
  };

  const pick = (rating: RatingValue) => {
    if (busy) return;
    touched.current = true;
    setChoice(rating);
    void send(rating, commented ? comment : '');
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!choice || busy || !comment.trim()) return;
    if (await send(choice, comment)) setCommented(true);
  };

  return (
    <section class="notice rating" aria-labelledby="rate-title" ref={box}>
      <p class="notice-title" id="rate-title">
        {strings.rateTitle}
      </p>
      <div class="rate-buttons">
        {(['good', 'bad'] as const).map((value) => (
          <button
            type="button"
            key={value}
            class={`rate-btn ${value}`}
            aria-pressed={choice === value}
            onClick={() => pick(value)}
          >
            <ThumbIcon down={value === 'bad'} />
            {value === 'good' ? strings.good : strings.bad}
          </button>
        ))}
      </div>
      {choice && !busy && !error && (
        <p class="form-ok" role="status">
          {strings.ratingThanks}
        </p>
      )}
      {choice && !commented && (
        <CommentForm
          comment={comment}
          onInput={setComment}
          busy={busy}
          onSubmit={(e) => void submit(e)}
        />
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
