import type { Message } from '@parley/protocol';

/**
 * The message list of one conversation. Every tab has its own socket and receives every
 * message, replays after a reconnect overlap with live events, and our own sends come back
 * both as an ack and as an event; so the list is keyed by id and ordered by the server's seq.
 */

/** `local`: built from our own send's ack; the server's copy replaces it when it arrives. */
export type ChatMessage = Message & { local?: true };

/** A message typed here and not yet acknowledged by the server. */
export interface PendingMessage {
  clientId: string;
  /** Null until a conversation exists to send it to. */
  conversationId: string | null;
  body: string;
  createdAt: string;
  state: 'sending' | 'failed';
  /** Error code of the last failed attempt, when `state` is 'failed'. */
  errorCode?: string;
}

/** Returns `current` itself when nothing changed, so callers can skip a render. */
export function mergeMessages(
  current: readonly ChatMessage[],
  incoming: readonly ChatMessage[],
): readonly ChatMessage[] {
  let changed = false;
  let byId: Map<string, ChatMessage> | null = null;
  for (const m of incoming) {
    // The server never sends private notes to a visitor; refusing them here too costs nothing.
    if (m.visibility !== 'public') continue;
    byId ??= new Map(current.map((c) => [c.id, c]));
    const existing = byId.get(m.id);
    if (existing && !(existing.local && !m.local)) continue;
    byId.set(m.id, m);
    changed = true;
  }
  return changed && byId ? [...byId.values()].sort((a, b) => a.seq - b.seq) : current;
}

export function highestSeq(messages: readonly Message[]): number {
  let max = 0;
  for (const m of messages) if (m.seq > max) max = m.seq;
  return max;
}

/** Drops pending sends that the list now holds (by clientId); `pending` itself if none. */
export function dropDelivered(
  pending: readonly PendingMessage[],
  messages: readonly Message[],
): readonly PendingMessage[] {
  if (pending.length === 0) return pending;
  const delivered = new Set<string>();
  for (const m of messages) if (m.clientId) delivered.add(m.clientId);
  const left = pending.filter((p) => !delivered.has(p.clientId));
  return left.length === pending.length ? pending : left;
}

/** Trims and normalizes line breaks the way the server stores a body. */
export function normalizeBody(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim();
}

/** Agent messages after the last seq the visitor has seen. */
export function countUnread(messages: readonly Message[], seenSeq: number): number {
  let n = 0;
  for (const m of messages) if (m.author.type === 'agent' && m.seq > seenSeq) n++;
  return n;
}
