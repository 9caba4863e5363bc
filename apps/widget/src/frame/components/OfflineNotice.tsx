import { strings } from '../strings';
import { ChatIcon, MoonIcon } from './icons';

interface Props {
  /** Someone became available while the form was being filled in: offer the chat instead. */
  onChatInstead?: () => void;
  /** The site's own offline text in the chat's language, instead of the default. */
  body?: string | undefined;
}

/** Why the message form is shown; the form follows. */
export function OfflineNotice({ onChatInstead, body }: Props) {
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
          <p class="notice-body" dir="auto">
            {body ?? strings.offlineBody}
          </p>
        )}
      </div>
    </div>
  );
}
