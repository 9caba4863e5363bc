import type { Agent, Conversation } from '@parley/protocol';
import { without, type ConnectionState, type ConsoleState } from './state';

export interface UpsertOptions {
  /**
   * True for the lists fetched right after sign-in: what those chats already hold counts as
   * seen, so old history neither shows as unread nor gets fetched again on reconnect.
   */
  baseline?: boolean;
}

/** Conversations this console keeps: waiting ones, and any assigned to the signed-in agent. */
export function isRelevant(c: Conversation, me: Agent): boolean {
  return isWaiting(c) || c.assignee?.id === me.id;
}

export function isWaiting(c: Conversation): boolean {
  return c.status === 'queued' || c.status === 'offered';
}

export function upsertConversations(
  state: ConsoleState,
  incoming: readonly Conversation[],
  options: UpsertOptions = {},
): ConsoleState {
  let next = state;
  for (const c of incoming) next = upsertOne(next, c, options);
  return next;
}

function upsertOne(state: ConsoleState, c: Conversation, options: UpsertOptions): ConsoleState {
  const old = state.conversations[c.id];
  // Updates can race (an ack and a broadcast); a closed chat never reopens, and seq only grows.
  if (old?.status === 'closed' && c.status !== 'closed') return state;
  const merged =
    old && old.lastSeq > c.lastSeq
      ? { ...c, lastSeq: old.lastSeq, lastMessage: old.lastMessage }
      : c;
  if (!isRelevant(merged, state.me)) {
    return old ? removeConversation(state, c.id) : state;
  }
  let next: ConsoleState = { ...state, conversations: { ...state.conversations, [c.id]: merged } };
  if (!old && options.baseline) {
    next = {
      ...next,
      syncedSeq: { ...next.syncedSeq, [c.id]: Math.max(next.syncedSeq[c.id] ?? 0, c.lastSeq) },
      readSeq: { ...next.readSeq, [c.id]: Math.max(next.readSeq[c.id] ?? 0, c.lastSeq) },
    };
  }
  return next;
}

/** Forgets a conversation (taken by someone else, or gone). Pending sends to it go too. */
export function removeConversation(state: ConsoleState, id: string): ConsoleState {
  if (!(id in state.conversations) && !(id in state.messages)) return state;
  const pending = Object.fromEntries(
    Object.entries(state.pending).filter(([, p]) => p.conversationId !== id),
  );
  return {
    ...state,
    conversations: without(state.conversations, id),
    messages: without(state.messages, id),
    syncedSeq: without(state.syncedSeq, id),
    historyLoaded: without(state.historyLoaded, id),
    readSeq: without(state.readSeq, id),
    visitorTyping: without(state.visitorTyping, id),
    pending,
    selectedId: state.selectedId === id ? null : state.selectedId,
  };
}

export function markRead(state: ConsoleState, id: string): ConsoleState {
  const held = state.messages[id]?.at(-1)?.seq ?? 0;
  const seq = Math.max(held, state.conversations[id]?.lastSeq ?? 0);
  if ((state.readSeq[id] ?? 0) >= seq) return state;
  return { ...state, readSeq: { ...state.readSeq, [id]: seq } };
}

export function select(state: ConsoleState, id: string | null): ConsoleState {
  if (id === null) return state.selectedId === null ? state : { ...state, selectedId: null };
  const opened = state.opened[id] ? state.opened : { ...state.opened, [id]: true as const };
  return markRead({ ...state, selectedId: id, opened }, id);
}

export function setVisitorTyping(state: ConsoleState, id: string, typing: boolean): ConsoleState {
  if (Boolean(state.visitorTyping[id]) === typing) return state;
  return {
    ...state,
    visitorTyping: typing
      ? { ...state.visitorTyping, [id]: true }
      : without(state.visitorTyping, id),
  };
}

export function setConnection(state: ConsoleState, connection: ConnectionState): ConsoleState {
  return state.connection === connection ? state : { ...state, connection };
}
