import type { Socket } from 'socket.io';
import { agentCanView } from '../domain/permissions.js';
import { snapshotOf } from '../services/conversations/conversationSnapshots.js';
import type { Deps } from '../services/deps.js';
import type { ScopedAgent } from '../services/access.js';
import { rooms } from './rooms.js';

const CONVERSATION_ROOM = rooms.conversation('');

/**
 * After a demotion or a narrower scope: the socket leaves every watched chat its agent may no longer see (a former
 * supervisor's watch of a colleague's chat), so not one more message or private note reaches it.
 */
export async function leaveChatsNoLongerVisible(
  deps: Deps,
  socket: { rooms: Set<string>; leave(room: string): unknown },
  agent: ScopedAgent,
): Promise<void> {
  const watched = [...socket.rooms].filter((r) => r.startsWith(CONVERSATION_ROOM));
  // Leave first, then rejoin what is still visible: nothing slips through while it is checked.
  for (const room of watched) void socket.leave(room);
  for (const room of watched) {
    const snapshot = await snapshotOf(deps, room.slice(CONVERSATION_ROOM.length)).catch(() => null);
    if (snapshot && agentCanView(agent, snapshot)) (socket as unknown as Socket).join(room);
  }
}

/** The sockets of this node in a room (the adapter's fetchSockets would ask every node). */
export function localSockets<S extends { data: unknown }>(
  nsp: { sockets: Map<string, S>; adapter: { rooms: Map<string, Set<string>> } },
  room: string,
): S[] {
  const ids = nsp.adapter.rooms.get(room);
  if (!ids) return [];
  const out: S[] = [];
  for (const id of ids) {
    const s = nsp.sockets.get(id);
    if (s) out.push(s);
  }
  return out;
}
