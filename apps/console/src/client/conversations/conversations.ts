import type { Agent, Conversation } from '@parley/protocol';
import { without, type ConnectionState, type ConsoleState } from '../core/state';

export interface UpsertOptions {
  /**
   * True for the lists fetched right after sign-in: what those chats already hold counts as
   * seen, so old history neither shows as unread nor gets fetched again on reconnect.
   */
  baseline?: boolean;
  /** Local time, for when an offer was first seen (the countdown starts there). */
  now?: number;
}

/** Admins and supervisors see every chat, the team's load and the routing log. */
export function isSupervisor(agent: Pick<Agent, 'role'>): boolean {
  return agent.role === 'admin' || agent.role === 'supervisor';
}

export function isParticipant(c: Conversation, agentId: string): boolean {
  return c.participants.some((p) => p.id === agentId);
}

/**
 * Conversations this console keeps: waiting ones, any the signed-in agent owns or was invited
 * into, and (for supervisors) every chat, because they oversee the whole team.
 */
export function isRelevant(c: Conversation, me: Agent): boolean {
  return isSupervisor(me) || isWaiting(c) || c.assignee?.id === me.id || isParticipant(c, me.id);
}

export function isWaiting(c: Conversation): boolean {
  return c.status === 'queued' || c.status === 'offered';
}

export function isOfferedTo(c: Conversation, agentId: string): boolean {
  return isWaiting(c) && c.offeredTo.includes(agentId);
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
  // A chat the agent was in stays readable once it ends (participants are cleared on close).
  const keepClosed =
    merged.status === 'closed' &&
    old !== undefined &&
    (old.assignee?.id === state.me.id || isParticipant(old, state.me.id));
  if (!isRelevant(merged, state.me) && !keepClosed) {
    return old ? removeConversation(state, c.id) : state;
  }
  let next: ConsoleState = { ...state, conversations: { ...state.conversations, [c.id]: merged } };
  next = trackOffer(next, merged, options.now ?? Date.now());
  if (!old && options.baseline) {
    next = {
      ...next,
      syncedSeq: { ...next.syncedSeq, [c.id]: Math.max(next.syncedSeq[c.id] ?? 0, c.lastSeq) },
      readSeq: { ...next.readSeq, [c.id]: Math.max(next.readSeq[c.id] ?? 0, c.lastSeq) },
    };
  }
  return next;
}

/**
 * Remembers when an offer to me was first seen (for its countdown) and forgets it once the
 * offer ends. A chat offered to me again comes back to my list even if I turned it down before.
 */
function trackOffer(state: ConsoleState, c: Conversation, now: number): ConsoleState {
  const offered = isOfferedTo(c, state.me.id);
  const seen = state.offerSeenAt[c.id];
  if (offered) {
    if (seen !== undefined && !state.rejected[c.id]) return state;
    return {
      ...state,
      offerSeenAt: seen === undefined ? { ...state.offerSeenAt, [c.id]: now } : state.offerSeenAt,
      rejected: without(state.rejected, c.id),
    };
  }
  return seen === undefined ? state : { ...state, offerSeenAt: without(state.offerSeenAt, c.id) };
}

/**
 * The agent turned an offer down: the chat leaves their list until it is offered again. (The
 * server reports the ended offer before it answers the reject, so a chat still offered to me
 * here was offered again meanwhile and stays.)
 */
export function markRejected(state: ConsoleState, id: string): ConsoleState {
  const c = state.conversations[id];
  if (c && isOfferedTo(c, state.me.id)) return state;
  return {
    ...state,
    rejected: { ...state.rejected, [id]: true },
    offerSeenAt: without(state.offerSeenAt, id),
    selectedId: state.selectedId === id ? null : state.selectedId,
  };
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
    offerSeenAt: without(state.offerSeenAt, id),
    rejected: without(state.rejected, id),
    handedOver: without(state.handedOver, id),
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

/** Opens a chat in the main area (closing any direct chat shown there). */
export function select(state: ConsoleState, id: string | null): ConsoleState {
  if (id === null) return state.selectedId === null ? state : { ...state, selectedId: null };
  const opened = state.opened[id] ? state.opened : { ...state.opened, [id]: true as const };
  const handedOver = without(state.handedOver, id);
  return markRead({ ...state, selectedId: id, opened, handedOver, directWith: null }, id);
}

/** Chats that became the agent's without them taking it; "New" until opened. */
export function markHandedOver(state: ConsoleState, ids: readonly string[]): ConsoleState {
  const fresh = ids.filter((id) => id in state.conversations && id !== state.selectedId);
  if (fresh.length === 0) return state;
  const handedOver = { ...state.handedOver };
  for (const id of fresh) handedOver[id] = true;
  return { ...state, handedOver };
}

/** The visitor's typing state, with their unsent text when sneak peek is on. */
export function setVisitorTyping(
  state: ConsoleState,
  id: string,
  typing: boolean,
  preview?: string,
): ConsoleState {
  const text = typing ? (preview ?? '') : '';
  const previewSame = (state.visitorPreview[id] ?? '') === text;
  if (Boolean(state.visitorTyping[id]) === typing && previewSame) return state;
  return {
    ...state,
    visitorTyping: typing
      ? { ...state.visitorTyping, [id]: true }
      : without(state.visitorTyping, id),
    visitorPreview: text
      ? { ...state.visitorPreview, [id]: text }
      : without(state.visitorPreview, id),
  };
}

/** A live read receipt from the visitor; positions only move forward. */
export function setVisitorSeen(state: ConsoleState, id: string, seq: number): ConsoleState {
  if ((state.visitorSeen[id] ?? 0) >= seq) return state;
  return { ...state, visitorSeen: { ...state.visitorSeen, [id]: seq } };
}

export function setConnection(state: ConsoleState, connection: ConnectionState): ConsoleState {
  return state.connection === connection ? state : { ...state, connection };
}
