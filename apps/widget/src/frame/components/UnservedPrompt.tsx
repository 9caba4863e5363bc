import { strings } from '../strings';
import { ClockIcon } from './icons';

interface Props {
  reason: 'waited' | 'nobody';
  /** Opens the message form; absent inside the form, where the same text is its intro. */
  onLeaveMessage?: () => void;
}

/** A waiting chat nobody can take now: offer the message form, the chat stays as it is. */
export function UnservedPrompt({ reason, onLeaveMessage }: Props) {
  return (
    <div class="notice unserved">
      <span class="notice-icon">
        <ClockIcon />
      </span>
      <div>
        <p class="notice-body">
          {reason === 'waited' ? strings.unservedWaited : strings.unservedNobody}
        </p>
        {onLeaveMessage && (
          <button type="button" class="primary-btn small notice-action" onClick={onLeaveMessage}>
            {strings.leaveMessage}
          </button>
        )}
      </div>
    </div>
  );
}
