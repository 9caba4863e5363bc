import type { Conversation } from '@parley/protocol';
import type { ChatPreview } from '../../format';
import { isWaiting } from './conversations';
import type { ConsoleState, PendingMessage } from '../core/state';

/** Waiting chats, longest wait first: the queue order an agent should work through. */
export function waitingConversations(state: ConsoleState): Conversation[] {
  return Object.values(state.conversations)
    .filter(isWaiting)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** Open chats assigned to the signed-in agent, most recently accepted first. */
export function myConversations(state: ConsoleState): Conversation[] {
  return Object.values(state.conversations)
    .filter((c) => c.status === 'active' && c.assignee?.id === state.me.id)
    .sort((a, b) => (b.acceptedAt ?? b.createdAt).localeCompare(a.acceptedAt ?? a.createdAt));
}

/**
 * Messages from others (the visitor, or colleagues in the chat) the agent has not had in front
 * of them yet. System lines and the agent's own messages never count.
 */
export function unreadCount(state: ConsoleState, conversationId: string): number {
  const read = state.readSeq[conversationId] ?? 0;
  let count = 0;
  for (const m of state.messages[conversationId] ?? []) {
    if (m.seq <= read || m.author.type === 'system') continue;
    if (m.author.type === 'agent' && m.author.id === state.me.id) continue;
    count += 1;
  }
  return count;
}

/** Direct messages from a colleague the agent has not read. */
export function unreadDirectCount(state: ConsoleState, agentId: string): number {
  const read = state.directRead[agentId] ?? 0;
  let count = 0;
  for (const m of state.directs[agentId] ?? []) {
    if (m.seq > read && m.senderId !== state.me.id) count += 1;
  }
  return count;
}

/** The newest message we know of: a held one, or the server's summary when it is newer. */
export function lastMessagePreview(
  state: ConsoleState,
  conversationId: string,
): ChatPreview | null {
  const held = state.messages[conversationId]?.at(-1);
  const summary = state.conversations[conversationId]?.lastMessage ?? null;
  if (!held) return summary;
  if (summary && summary.createdAt > held.createdAt) return summary;
  const fromMe = held.author.type === 'agent' && held.author.id === state.me.id;
  return {
    body: held.body,
    authorType: held.author.type,
    createdAt: held.createdAt,
    colleague: fromMe ? null : (held.author.name ?? 'Agent'),
    private: held.visibility === 'private',
  };
}

export function pendingFor(state: ConsoleState, conversationId: string): PendingMessage[] {
  return Object.values(state.pending)
    .filter((p) => p.conversationId === conversationId)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

/** How the console names a visitor: their name once given, else the generated code. */
export function visitorLabel(c: Conversation): string {
  return c.visitor.name?.trim() || c.visitor.code;
}

/** What to ask the server for after a reconnect: every open chat, from the seq we hold. */
export function syncRequest(state: ConsoleState): Array<{ id: string; afterSeq: number }> {
  return Object.values(state.conversations)
    .filter((c) => c.status !== 'closed' || c.id === state.selectedId)
    .map((c) => ({ id: c.id, afterSeq: state.syncedSeq[c.id] ?? 0 }));
}
