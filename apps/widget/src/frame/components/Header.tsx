import { useState } from 'preact/hooks';
import type { VisitorConversation, WidgetConfig } from '@parley/protocol';
import { strings } from '../strings';
import { Avatar } from './Avatar';
import { ChevronDown, EndIcon } from './icons';

interface Props {
  config: WidgetConfig | null;
  conversation: VisitorConversation | null;
  /** Absent when the frame is not inside a host page (nothing to minimize to). */
  onMinimize?: () => void;
  onEndChat: () => Promise<boolean>;
}

export function Header({ config, conversation, onMinimize, onEndChat }: Props) {
  const [confirming, setConfirming] = useState(false);
  const agent = conversation?.agent ?? null;
  const siteName = config?.siteName ?? strings.defaultTitle;
  const open = !!conversation && conversation.status !== 'closed';
  const title = agent ? agent.name : siteName;
  const subtitle = agent
    ? strings.agentSubtitle(siteName)
    : config?.agentsAvailable === false
      ? strings.awayStatus
      : strings.online;

  return (
    <header class="header">
      <div class="header-main">
        <div class="header-avatar">
          <Avatar name={title} url={agent?.avatarUrl} />
          {(agent ? open : config?.agentsAvailable) && <span class="presence" aria-hidden="true" />}
        </div>
        <div class="header-text">
          <h1 class="header-title">{title}</h1>
          <p class="header-subtitle">{subtitle}</p>
        </div>
        {open && (
          <button
            type="button"
            class="icon-btn"
            aria-label={strings.endChat}
            title={strings.endChat}
            onClick={() => setConfirming(true)}
          >
            <EndIcon />
          </button>
        )}
        {onMinimize && (
          <button
            type="button"
            class="icon-btn"
            aria-label={strings.minimize}
            title={strings.minimize}
            onClick={onMinimize}
          >
            <ChevronDown />
          </button>
        )}
      </div>
      {confirming && open && (
        <div class="confirm" role="group" aria-label={strings.endChatQuestion}>
          <span>{strings.endChatQuestion}</span>
          <button
            type="button"
            class="confirm-yes"
            onClick={() => void onEndChat().then(() => setConfirming(false))}
          >
            {strings.endChatConfirm}
          </button>
          <button type="button" class="confirm-no" onClick={() => setConfirming(false)}>
            {strings.cancel}
          </button>
        </div>
      )}
    </header>
  );
}
