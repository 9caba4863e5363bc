import { strings } from '../strings';
import { MoonIcon } from './icons';

/** Nobody is online: the visitor may still write; the offline form comes later. */
export function OfflineNotice() {
  return (
    <div class="notice" role="note">
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
