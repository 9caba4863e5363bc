import type { BridgeMessage } from '@parley/protocol/bridge';
import type { Message, ProactiveInvitation, VisitorConversation } from '@parley/protocol';
import { isOpen } from './types';

/**
 * What the frame tells the outside world when something happens live (never for history read
 * back on load or after a reconnect): the host page's `Parley.on('message')`, the sound, the
 * agent's "send to page", and the invitation that opens the chat.
 */
export type Signal =
  | { type: 'message'; message: BridgeMessage }
  | { type: 'navigate'; url: string }
  | { type: 'open' }
  | { type: 'chime' };

export function toBridgeMessage(m: Message): BridgeMessage {
  return {
    id: m.id,
    author: m.author.type,
    authorName: m.author.name,
    body: m.body,
    createdAt: m.createdAt,
  };
}

export interface Attention {
  /** The tab is in front of the visitor. */
  pageVisible: boolean;
  /** The chat is open on the host page. */
  chatOpen: boolean;
  muted: boolean;
}

/** The signals for a message that has just arrived live (or was just sent from here). */
export function signalsFor(m: Message, a: Attention): Signal[] {
  if (m.visibility !== 'public') return [];
  const out: Signal[] = [{ type: 'message', message: toBridgeMessage(m) }];
  if (m.author.type !== 'agent') return out;
  // The agent's "send to page": only the tab the visitor is looking at follows it.
  if (m.kind === 'card' && m.card && a.pageVisible) out.push({ type: 'navigate', url: m.card.url });
  // A sound only when the message could be missed: the tab is hidden or the chat is closed.
  if (!a.muted && (!a.pageVisible || !a.chatOpen)) out.push({ type: 'chime' });
  return out;
}

/**
 * The invitation shown as the agent's first message: while it waits for an answer and no chat
 * is open; and once the visitor's reply has started its chat, until the server's copy of the
 * agent's message arrives (so it never blinks out in between).
 */
export function shownInvitation(
  invitation: ProactiveInvitation | null,
  conversation: VisitorConversation | null,
  messages: readonly Message[],
): ProactiveInvitation | null {
  if (!invitation) return null;
  if (invitation.status === 'pending') return isOpen(conversation) ? null : invitation;
  return invitation.status === 'accepted' &&
    conversation?.id === invitation.conversationId &&
    !messages.some((m) => m.author.type === 'agent')
    ? invitation
    : null;
}
