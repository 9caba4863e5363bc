import type {
  AgentStatus,
  LiveVisitor,
  PageView,
  ProactiveInvitation,
  VisitorDetails,
  VisitorState,
} from '@parley/protocol';
import type { Table } from '../core/state';

// state.ts builds its initial state from here, so this module keeps to type imports from it.
function without<T>(table: Table<T>, key: string): Table<T> {
  if (!(key in table)) return table;
  const copy = { ...table };
  delete copy[key];
  return copy;
}

/**
 * Visitors on the sites: the live list behind the Visitors page, and pure transitions on it.
 * Like the rest of the store, every function returns the same object when nothing changed.
 */

/** A visitor who left stays on the list, greyed, this long: the agent sees them go. */
export const LEFT_VISIBLE_MS = 3 * 60_000;
/** The server keeps at most this many pages of navigation; so does the live merge. */
export const NAVIGATION_LIMIT = 100;

export interface VisitorsState {
  /** Subscribed to live `visitor:updated` (the Visitors page is open). */
  live: boolean;
  /** True once the first list arrived since subscribing. */
  loaded: boolean;
  byId: Table<LiveVisitor>;
  /** Local time (ms) each visitor was first seen as gone; they drop after LEFT_VISIBLE_MS. */
  leftAt: Table<number>;
  /** Visitors on the sites now: live while subscribed, else from the last periodic count. */
  count: number | null;
  error: string | null;
}

export function initialVisitors(): VisitorsState {
  return { live: false, loaded: false, byId: {}, leftAt: {}, count: null, error: null };
}

export function onlineCount(byId: Table<LiveVisitor>): number {
  let n = 0;
  for (const v of Object.values(byId)) if (v.online) n += 1;
  return n;
}

function withCount(vs: VisitorsState): VisitorsState {
  const count = onlineCount(vs.byId);
  return count === vs.count ? vs : { ...vs, count };
}

/** The answer to `visitors:list`: it replaces what we held, remembering who had already left. */
export function receiveVisitorList(
  vs: VisitorsState,
  visitors: readonly LiveVisitor[],
  now: number,
): VisitorsState {
  const byId: Record<string, LiveVisitor> = {};
  const leftAt: Record<string, number> = {};
  for (const v of visitors) {
    // A newer live update may have overtaken the list on its way here: keep the newer one.
    const held = vs.byId[v.id];
    const fresh = held && isOlder(v, held) ? held : v;
    byId[v.id] = fresh;
    // Someone already gone when listed left at their last activity, not when we looked.
    if (!fresh.online) leftAt[v.id] = vs.leftAt[v.id] ?? lastActive(fresh, now);
  }
  return withCount({ ...vs, loaded: true, error: null, byId, leftAt });
}

/** When a visitor was last active, by the server's clock, never later than now. */
function lastActive(v: LiveVisitor, now: number): number {
  const at = Date.parse(v.lastSeenAt);
  return Number.isNaN(at) ? now : Math.min(at, now);
}

/** Activity only moves forward: an update stamped before the one we hold is stale. */
function isOlder(incoming: LiveVisitor, held: LiveVisitor): boolean {
  return Date.parse(incoming.lastSeenAt) < Date.parse(held.lastSeenAt);
}

/** One live `visitor:updated`: a new visitor, a page, a state change, or a departure. */
export function receiveVisitorUpdate(
  vs: VisitorsState,
  v: LiveVisitor,
  now: number,
): VisitorsState {
  const held = vs.byId[v.id];
  if (held && isOlder(v, held)) return vs;
  // Someone we never listed who is already gone is no news.
  if (!held && !v.online) return vs;
  const byId = { ...vs.byId, [v.id]: v };
  let leftAt = vs.leftAt;
  if (v.online) leftAt = without(leftAt, v.id);
  else if (leftAt[v.id] === undefined) leftAt = { ...leftAt, [v.id]: now };
  return withCount({ ...vs, byId, leftAt });
}

/** Forgets visitors who left more than `keepMs` ago. */
export function pruneLeft(vs: VisitorsState, now: number, keepMs = LEFT_VISIBLE_MS): VisitorsState {
  const gone = Object.entries(vs.leftAt).filter(([, at]) => now - at >= keepMs);
  if (gone.length === 0) return vs;
  const byId = { ...vs.byId };
  const leftAt = { ...vs.leftAt };
  for (const [id] of gone) {
    delete byId[id];
    delete leftAt[id];
  }
  return withCount({ ...vs, byId, leftAt });
}

/** Marks a visitor invited at once, before the server's update says so. */
export function markInvited(vs: VisitorsState, inv: ProactiveInvitation): VisitorsState {
  const held = vs.byId[inv.visitorId];
  if (!held || inv.status !== 'pending') return vs;
  if (held.invitation?.id === inv.id) return vs;
  const invitation = { id: inv.id, agentId: inv.agent.id };
  return { ...vs, byId: { ...vs.byId, [held.id]: { ...held, invitation } } };
}

/** An invitation ended (accepted, declined, cancelled): the row stops saying "Invited". */
export function clearInvitation(vs: VisitorsState, inv: ProactiveInvitation): VisitorsState {
  const held = vs.byId[inv.visitorId];
  if (!held || held.invitation?.id !== inv.id || inv.status === 'pending') return vs;
  return { ...vs, byId: { ...vs.byId, [held.id]: { ...held, invitation: null } } };
}

const stateRank: Record<VisitorState, number> = { waiting: 0, chatting: 1, browsing: 2 };

/**
 * The Visitors page order: people waiting for an answer, then people chatting, then everyone
 * browsing; the most recently active first within each; visitors who left sink to the bottom.
 */
export function compareVisitors(a: LiveVisitor, b: LiveVisitor): number {
  if (a.online !== b.online) return a.online ? -1 : 1;
  const rank = stateRank[a.state] - stateRank[b.state];
  if (rank !== 0) return rank;
  const activity = Date.parse(b.lastSeenAt) - Date.parse(a.lastSeenAt);
  if (activity !== 0 && !Number.isNaN(activity)) return activity;
  return a.id.localeCompare(b.id);
}

export function sortedVisitors(byId: Table<LiveVisitor>): LiveVisitor[] {
  return Object.values(byId).sort(compareVisitors);
}

function samePage(a: PageView | undefined, b: PageView | null): boolean {
  return Boolean(a && b && a.url === b.url && a.at === b.at);
}

/**
 * A live update applied to the details a panel shows: the live fields are replaced, and a new
 * current page goes on top of the navigation (the server sends it newest first).
 */
export function mergeDetails(details: VisitorDetails, v: LiveVisitor): VisitorDetails {
  if (v.id !== details.id) return details;
  if (Date.parse(v.lastSeenAt) < Date.parse(details.lastSeenAt)) return details;
  const page = v.currentPage;
  const navigation =
    page && !samePage(details.navigation[0], page)
      ? [page, ...details.navigation].slice(0, NAVIGATION_LIMIT)
      : details.navigation;
  return { ...details, ...v, navigation };
}

/** What the inviting agent is told when a visitor answers; null when nothing is worth saying. */
export function proactiveOutcome(
  status: ProactiveInvitation['status'],
  who: string,
): string | null {
  switch (status) {
    case 'accepted':
      return `${who} accepted your invitation: the chat is in My chats`;
    case 'declined':
      return `${who} declined your invitation`;
    default:
      return null;
  }
}

export type InviteAvailability =
  | { kind: 'ready' }
  /** An invitation waits for the visitor's answer: the row says "Invited". */
  | { kind: 'invited'; mine: boolean }
  | { kind: 'blocked'; reason: string };

/** Whether the agent can invite this visitor now, and if not, why not (shown as a hint). */
export function inviteAvailability(
  v: Pick<LiveVisitor, 'online' | 'state' | 'conversationId' | 'banned' | 'invitation'>,
  me: { id: string; status: AgentStatus },
): InviteAvailability {
  if (v.invitation) return { kind: 'invited', mine: v.invitation.agentId === me.id };
  if (!v.online) return { kind: 'blocked', reason: 'The visitor has left the site.' };
  if (v.banned) return { kind: 'blocked', reason: 'This visitor is banned.' };
  if (v.state === 'waiting') {
    return { kind: 'blocked', reason: 'The visitor is already waiting for an agent.' };
  }
  if (v.state === 'chatting' || v.conversationId) {
    return { kind: 'blocked', reason: 'The visitor is already in a chat.' };
  }
  if (me.status !== 'online') {
    return {
      kind: 'blocked',
      reason: 'Only Online agents can invite visitors: set yourself Online.',
    };
  }
  return { kind: 'ready' };
}

/** Ban lengths offered to agents, in minutes; null bans until someone lifts it. */
export const banDurations: ReadonlyArray<{ value: string; label: string; minutes: number | null }> =
  [
    { value: '60', label: '1 hour', minutes: 60 },
    { value: '1440', label: '1 day', minutes: 1440 },
    { value: '10080', label: '7 days', minutes: 10080 },
    { value: '43200', label: '30 days', minutes: 43200 },
    { value: 'forever', label: 'Until lifted', minutes: null },
  ];

/** The words an invitation opens with, ready to edit: friendly, short, and signed. */
export function defaultInviteMessage(agentName: string, siteName: string): string {
  const first = agentName.trim().split(/\s+/)[0] ?? '';
  const who = first ? `I'm ${first} from ${siteName}` : `We're the ${siteName} team`;
  return `Hi there! ${who}. Can I help you find anything?`;
}
