import type { DirectMessage } from '@parley/protocol';
import { without, type ConsoleState, type PendingDirect, type SendFailure } from '../core/state';

/** Agent-to-agent chat: pure transitions over the direct-message part of the store. */

/** The colleague on the other side of a direct message. */
export function directPeer(m: DirectMessage, meId: string): string {
  return m.senderId === meId ? m.recipientId : m.senderId;
}

/** Merges direct messages (one per id, by seq) and settles the pending sends they confirm. */
export function receiveDirect(
  state: ConsoleState,
  incoming: readonly DirectMessage[],
): ConsoleState {
  if (incoming.length === 0) return state;
  const directs = { ...state.directs };
  let pending = state.directPending;
  let changed = false;
  for (const m of incoming) {
    const peer = directPeer(m, state.me.id);
    const list = directs[peer] ?? [];
    if (!list.some((x) => x.id === m.id)) {
      directs[peer] = [...list, m].sort((a, b) => a.seq - b.seq);
      changed = true;
    }
    if (pending[m.clientId]) pending = without(pending, m.clientId);
  }
  if (!changed && pending === state.directPending) return state;
  return { ...state, directs: changed ? directs : state.directs, directPending: pending };
}

export function markDirectRead(state: ConsoleState, peer: string): ConsoleState {
  const last = state.directs[peer]?.at(-1)?.seq ?? 0;
  if ((state.directRead[peer] ?? 0) >= last) return state;
  return { ...state, directRead: { ...state.directRead, [peer]: last } };
}

export function markDirectLoaded(state: ConsoleState, peer: string): ConsoleState {
  if (state.directLoaded[peer]) return state;
  return { ...state, directLoaded: { ...state.directLoaded, [peer]: true } };
}

/** Shows a direct chat in the main area (the open visitor chat stays selected behind it). */
export function openDirect(state: ConsoleState, peer: string | null): ConsoleState {
  if (state.directWith === peer) return peer ? markDirectRead(state, peer) : state;
  const next = { ...state, directWith: peer };
  return peer ? markDirectRead(next, peer) : next;
}

export function addDirectPending(state: ConsoleState, p: PendingDirect): ConsoleState {
  return { ...state, directPending: { ...state.directPending, [p.clientId]: p } };
}

export function setDirectPendingState(
  state: ConsoleState,
  clientId: string,
  error: SendFailure | null,
): ConsoleState {
  const p = state.directPending[clientId];
  if (!p) return state;
  const next: PendingDirect = { ...p, state: error ? 'failed' : 'sending', error };
  return { ...state, directPending: { ...state.directPending, [clientId]: next } };
}

export function discardDirectPending(state: ConsoleState, clientId: string): ConsoleState {
  const directPending = without(state.directPending, clientId);
  return directPending === state.directPending ? state : { ...state, directPending };
}

export function pendingDirectsFor(state: ConsoleState, peer: string): PendingDirect[] {
  return Object.values(state.directPending)
    .filter((p) => p.toAgentId === peer)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}
