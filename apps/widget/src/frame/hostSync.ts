import type { HostBridge } from './bridge';
import type { ChatStore } from './state/chatStore';

/** Keeps the loader told of what it shows outside the frame: badge, eager loading, hiding. */
export function syncHost(store: ChatStore, bridge: HostBridge): void {
  let active: boolean | null = null;
  let unread: number | null = null;
  let hidden: boolean | null = null;
  const push = () => {
    const s = store.getState();
    // Until the conversation is known, "no chat" would only be a guess.
    if (!s.loaded && !s.disabled) return;
    const nowActive = !!s.conversation && s.conversation.status !== 'closed';
    if (nowActive !== active) bridge.post({ type: 'active', active: (active = nowActive) });
    if (s.unread !== unread) bridge.post({ type: 'unread', count: (unread = s.unread) });
    if (s.disabled !== hidden) bridge.post({ type: 'hidden', hidden: (hidden = s.disabled) });
  };
  store.subscribe(push);
}
