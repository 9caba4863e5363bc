import { queuePairs, type AccessScope } from '../domain/access.js';

/** Socket.IO room names, in one place so emitters and joiners cannot disagree. */
export const rooms = {
  /** Every socket of one agent (all their tabs). */
  agent: (agentId: string) => `agent:${agentId}`,
  /** Every socket of one signed-in session, so sign-out can disconnect them. */
  session: (sessionId: string) => `session:${sessionId}`,
  /** Supervisors and admins: the team list (agents' status and role), which is organisation-wide. */
  supervisors: 'supervisors',
  /** Admins' sockets: every chat, visitor and count of every site. */
  admins: 'admins',
  /** Supervisors of one site: every chat of that site, whatever its department. */
  siteSupervisors: (siteId: string) => `site-supervisors:${siteId}`,
  /**
   * Agents who may pick up the waiting chats of one site and department (null: chats without
   * a department). A waiting chat's events go here, to its site's supervisors and to admins.
   */
  queue: (siteId: string, departmentId: string | null) => `queue:${siteId}:${departmentId ?? ''}`,
  /** Agent sockets watching one conversation. */
  conversation: (conversationId: string) => `conversation:${conversationId}`,
  /** Every visitor socket on one site: availability changes go here. */
  site: (siteId: string) => `site:${siteId}`,
  /** Agent sockets with the Visitors page open, per site; admins' in `visitorsPageAll`. */
  visitorsPage: (siteId: string) => `visitors-page:${siteId}`,
  visitorsPageAll: 'visitors-page:*',
  /** Agent sockets showing one visitor's details (the right panel). */
  visitorWatch: (visitorId: string) => `visitor-watch:${visitorId}`,
  /** Every socket (tab) of one visitor. */
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  /** Agents whose sites are exactly these: they share one Visitors badge count. */
  visitorCount: (siteIds: readonly string[]) => `visitor-count:${[...siteIds].sort().join(',')}`,
} as const;

/** The rooms a socket joins for what its agent may see: one emit reaches each socket once. */
export function accessRooms(scope: AccessScope): string[] {
  if (scope.kind === 'all') return [rooms.admins];
  const count = rooms.visitorCount(scope.siteIds);
  const pairs = queuePairs(scope);
  if (pairs === null) return [count, ...scope.siteIds.map(rooms.siteSupervisors)];
  return [count, ...pairs.map((p) => rooms.queue(p.siteId, p.departmentId))];
}

/** The Visitors page rooms for a scope. */
export function visitorsPageRooms(scope: AccessScope): string[] {
  return scope.kind === 'all' ? [rooms.visitorsPageAll] : scope.siteIds.map(rooms.visitorsPage);
}

const ACCESS_PREFIXES = ['admins', 'site-supervisors:', 'queue:', 'visitor-count:'];

export function isAccessRoom(room: string): boolean {
  return ACCESS_PREFIXES.some((p) => room === p || room.startsWith(p));
}
