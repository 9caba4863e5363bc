import { strings } from '../strings';
import { MoonIcon } from './icons';

/** Nobody can answer right now: the message form follows. */
export function OfflineNotice() {
  return (
    <div class="notice">
      <span class="notice-icon">
        <MoonIcon />
      </span>
      <div>
        <p class="notice-title">{strings.offlineTitle}</p>
        <p class="notice-body">{strings.offlineBody}</p>
      </div>
    </div>
  );
}
