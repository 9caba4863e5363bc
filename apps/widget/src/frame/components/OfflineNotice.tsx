import { strings } from '../strings';
import { ChatIcon, MoonIcon } from './icons';

interface Props {
  /** Someone became available while the form was being filled in: offer the chat instead. */
  onChatInstead?: () => void;
}

/** Why the message form is shown; the form follows. */
export function OfflineNotice({ onChatInstead }: Props) {
  return (
    <div class="notice">
      <span class="notice-icon">{onChatInstead ? <ChatIcon /> : <MoonIcon />}</span>
      <div>
        <p class="notice-title">{onChatInstead ? strings.availableAgain : strings.offlineTitle}</p>
        {onChatInstead ? (
          <button type="button" class="link-btn notice-action" onClick={onChatInstead}>
            {strings.chatInstead}
          </button>
        ) : (
          <p class="notice-body">{strings.offlineBody}</p>
        )}
      </div>
    </div>
  );
}
