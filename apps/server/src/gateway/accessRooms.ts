import type { Namespace } from 'socket.io';
import { isSupervisor } from '../domain/actors.js';
import { sameScope } from '../domain/access.js';
import { logLevelFor } from '../errors.js';
import { loadScopedAgent, withAccess, withoutScope, type ScopedAgent } from '../services/access.js';
import type { Deps } from '../services/deps.js';
import {
  countFor,
  onlineVisitorsBySite,
  visitorCountAudiences,
} from '../services/visitors/visitorCounts.js';
import type { VisitorCounts } from './fanout.js';
import type { AgentRecord } from '../domain/records.js';
import { leaveChatsNoLongerVisible, localSockets } from './localSockets.js';
import { accessRooms, isAccessRoom, rooms, visitorsPageRooms } from './rooms.js';

/** What an agent socket keeps: the agent with their scope, and whether the Visitors page is open. */
export interface AgentSocketData {
  agent: ScopedAgent;
  sessionId: string;
  visitorsPage?: boolean;
}

interface AgentSocket {
  data: AgentSocketData;
  rooms: Set<string>;
  join(room: string | string[]): unknown;
  leave(room: string): unknown;
  emit(event: 'visitors:count', payload: { online: number }): unknown;
  disconnect(close?: boolean): unknown;
}

type AgentNamespace = Pick<Namespace, 'adapter'> & { sockets: Map<string, AgentSocket> };

/** The rooms a new socket joins: its agent's, its session's, and those of its sites. */
export function initialRooms(agent: ScopedAgent, sessionId: string): string[] {
  return [
    rooms.agent(agent.id),
    rooms.session(sessionId),
    ...(isSupervisor(agent) ? [rooms.supervisors] : []),
    ...accessRooms(agent.access),
  ];
}

/** The Visitors badge for one scope, now. */
export async function visitorCountFor(deps: Deps, agent: ScopedAgent): Promise<number> {
  const bySite = await onlineVisitorsBySite(deps);
  return countFor(bySite, agent.access.kind === 'all' ? null : agent.access.siteIds);
}

/** Each room of agents sharing a set of sites, with its badge count (admins: every site). */
export async function visitorCounts(deps: Deps): Promise<VisitorCounts> {
  const [bySite, audiences] = await Promise.all([
    onlineVisitorsBySite(deps),
    visitorCountAudiences(deps),
  ]);
  return audiences.map((sites) => ({
    room: sites === null ? rooms.admins : rooms.visitorCount(sites),
    online: countFor(bySite, sites),
  }));
}

/**
 * Moves one socket to the rooms of its agent's current scope: access rooms it no longer has
 * are left, new ones joined, the Visitors page and watched chats re-checked. Leaving comes
 * first, so nothing of a site the agent lost slips through while the rest is checked.
 */
function applyScope(deps: Deps, s: AgentSocket, agent: ScopedAgent, before: ScopedAgent): void {
  s.data.agent = agent;
  if (isSupervisor(agent)) void s.join(rooms.supervisors);
  else void s.leave(rooms.supervisors);
  if (sameScope(before.access, agent.access)) return;
  const wanted = new Set(accessRooms(agent.access));
  for (const room of [...s.rooms]) {
    const page = room.startsWith(rooms.visitorsPage('')) || room === rooms.visitorsPageAll;
    if ((isAccessRoom(room) && !wanted.has(room)) || page) void s.leave(room);
    if (room.startsWith(rooms.visitorWatch(''))) void s.leave(room);
  }
  void s.join([...wanted]);
  if (s.data.visitorsPage) void s.join(visitorsPageRooms(agent.access));
  void leaveChatsNoLongerVisible(deps, s, agent);
  void visitorCountFor(deps, agent).then(
    (online) => s.emit('visitors:count', { online }),
    () => undefined,
  );
}

/**
 * Every local socket of one agent follows their record at once (status, name, role: later
 * requests on the socket read it), then their scope as read fresh.
 */
async function refreshAgent(
  deps: Deps,
  agents: AgentNamespace,
  agentId: string,
  row?: AgentRecord,
): Promise<void> {
  const sockets = localSockets(agents, rooms.agent(agentId));
  if (sockets.length === 0) return;
  if (row) {
    const plain = withoutScope(row);
    for (const s of sockets) {
      if (plain.disabled_at !== null) s.disconnect(true);
      else s.data.agent = { ...plain, access: s.data.agent.access };
    }
    if (plain.disabled_at !== null) return;
  }
  const agent = row
    ? await withAccess(deps, withoutScope(row))
    : await loadScopedAgent(deps, agentId);
  for (const s of sockets) {
    if (!agent || agent.disabled_at !== null) {
      s.disconnect(true);
      continue;
    }
    applyScope(deps, s, agent, s.data.agent);
  }
}

/**
 * Role, sites and departments reach open sockets at once, on every node: a change of role or
 * sites comes as agent.changed, of department members as access.changed; a deactivated
 * agent's sockets close.
 */
export function keepAccessCurrent(deps: Deps, agents: AgentNamespace): void {
  const warn = (err: unknown) =>
    deps.log[logLevelFor(err, 'warn')]({ err }, 'agent access refresh failed');
  deps.bus.subscribeEverywhere(['agent.changed', 'access.changed'], (e) => {
    if (e.type === 'agent.changed')
      void refreshAgent(deps, agents, e.agent.id, e.agent).catch(warn);
    if (e.type === 'access.changed')
      for (const id of e.agentIds) void refreshAgent(deps, agents, id).catch(warn);
  });
}
