import type { Message } from '@parley/protocol';
import { without, type ConsoleState } from '../core/state';

function sameMessage(a: Message, b: Message): boolean {
  return (
    a === b ||
    (a.seq === b.seq &&
      a.body === b.body &&
      a.visibility === b.visibility &&
      a.createdAt === b.createdAt &&
      a.author.name === b.author.name)
  );
}

/** Merges messages into a list: one entry per id (a changed copy replaces it), ordered by seq. */
export function mergeMessages(
  list: readonly Message[],
  incoming: readonly Message[],
): readonly Message[] {
  if (incoming.length === 0) return list;
  const byId = new Map(list.map((m) => [m.id, m]));
  let changed = false;
  for (const m of incoming) {
    const old = byId.get(m.id);
    if (old && sameMessage(old, m)) continue;
    byId.set(m.id, m);
    changed = true;
  }
  if (!changed) return list;
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/** The highest seq reachable from `from` without a gap in the held messages. */
export function contiguousSeq(list: readonly Message[], from: number): number {
  let seq = from;
  for (const m of list) {
    if (m.seq === seq + 1) seq = m.seq;
    else if (m.seq > seq + 1) break;
  }
  return seq;
}

export interface ReceiveOptions {
  /**
   * Set when the messages are a server page of everything after this seq (watch, sync): the
   * page then proves there is nothing missing between it and its last message.
   */
  pageAfterSeq?: number;
}

/** Adds messages of one conversation and settles any pending send they confirm. */
export function receiveMessages(
  state: ConsoleState,
  conversationId: string,
  incoming: readonly Message[],
  options: ReceiveOptions = {},
): ConsoleState {
  const list = state.messages[conversationId] ?? [];
  const merged = mergeMessages(list, incoming);
  let synced = state.syncedSeq[conversationId] ?? 0;
  const { pageAfterSeq } = options;
  if (pageAfterSeq !== undefined && pageAfterSeq <= synced) {
    const last = incoming.at(-1);
    if (last) synced = Math.max(synced, last.seq);
  }
  synced = contiguousSeq(merged, synced);

  let pending = state.pending;
  for (const m of incoming) {
    if (m.clientId && pending[m.clientId]?.conversationId === conversationId) {
      pending = without(pending, m.clientId);
    }
  }
  // A visitor who just sent a message has stopped typing, whatever the last typing event said.
  const visitorSpoke = incoming.some((m) => m.author.type === 'visitor');
  const visitorTyping =
    visitorSpoke && state.visitorTyping[conversationId]
      ? without(state.visitorTyping, conversationId)
      : state.visitorTyping;

  if (
    merged === list &&
    synced === (state.syncedSeq[conversationId] ?? 0) &&
    pending === state.pending &&
    visitorTyping === state.visitorTyping &&
    !(visitorSpoke && state.visitorPreview[conversationId])
  ) {
    return state;
  }
  return {
    ...state,
    messages: { ...state.messages, [conversationId]: merged },
    syncedSeq: { ...state.syncedSeq, [conversationId]: synced },
    pending,
    visitorTyping,
    visitorPreview: visitorSpoke
      ? without(state.visitorPreview, conversationId)
      : state.visitorPreview,
  };
}

export function markHistoryLoaded(state: ConsoleState, id: string): ConsoleState {
  if (state.historyLoaded[id]) return state;
  return { ...state, historyLoaded: { ...state.historyLoaded, [id]: true } };
}
