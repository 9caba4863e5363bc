import { useEffect, useRef } from 'preact/hooks';
import { strings } from '../strings';
import { CheckIcon } from './icons';

interface Props {
  /** "Send another message": back to the form. Absent where another button does that. */
  onAnother?: () => void;
  /** Take focus when it appears (it replaces the form the visitor was in). */
  takeFocus: boolean;
}

/** The message form was sent: say so plainly, and that the reply comes by email. */
export function ThankYou({ onAnother, takeFocus }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (takeFocus) box.current?.focus({ preventScroll: true });
  }, [takeFocus]);
  return (
    <div class="notice thanks" role="status" tabIndex={-1} ref={box}>
      <span class="notice-icon">
        <CheckIcon />
      </span>
      <div>
        <p class="notice-title">{strings.thanksTitle}</p>
        <p class="notice-body">{strings.thanksBody}</p>
        {onAnother && (
          <button type="button" class="link-btn notice-action" onClick={onAnother}>
            {strings.sendAnother}
          </button>
        )}
      </div>
    </div>
  );
}
