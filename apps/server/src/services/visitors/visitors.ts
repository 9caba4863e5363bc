import type { LiveQuery, LiveVisitor, VisitorDetails, VisitorSelf } from '@parley/protocol';
import { parseStringMap } from '../../domain/identity.js';
import { AppError, logLevelFor } from '../../errors.js';
import { describeUserAgent } from '../../domain/visitorDetails.js';
import {
  presentLiveVisitor,
  presentPageView,
  presentVisitorSelf,
} from '../../presenters/visitor.js';
import { agentCanView } from '../../domain/permissions.js';
import { canSeeSite, type AccessScope } from '../../domain/access.js';
import { activeBansOn, hasActiveBan } from '../../storage/bans.js';
import { findVisitorById } from '../../storage/chatStart.js';
import { deletePageViewsBefore, insertPageView, latestPageViews } from '../../storage/pageViews.js';
import { pendingInvitationsOf } from '../../storage/proactive.js';
import type { AgentRow, VisitorRow } from '../../storage/schema.js';
import {
  chatHistoryOfVisitor,
  openChatsOfVisitors,
  updateVisitor,
  visitorIdsSeenSince,
  visitorsWithSiteName,
} from '../../storage/visitors.js';
import type { Deps } from '../deps.js';
import { scopeOf, withAccess } from '../access.js';
import { getSettings } from '../settings/settings.js';

/** A visit ends after this long away; the next page view starts a new one. */
export const VISIT_GAP_MS = 30 * 60_000;
/** Visitors who left stay on the Visitors page (greyed) this long. */
export const RECENTLY_LEFT_MS = 5 * 60_000;
const MAX_LISTED = 500;

/**
 * A visitor an agent names; NOT_FOUND when there is none, or when `viewer` (the agent acting)
 * does not work on the visitor's site.
 */
export async function findVisitor(
  deps: Pick<Deps, 'store'>,
  visitorId: string,
  viewer?: Pick<AgentRow, 'id' | 'role'> & { access?: AccessScope },
): Promise<VisitorRow> {
  const visitor = await findVisitorById(deps.store, visitorId);
  if (!visitor || (viewer && !canSeeSite(await scopeOf(deps, viewer), visitor.site_id)))
    throw new AppError('NOT_FOUND', 'Visitor not found.');
  return visitor;
}

/** Whether a ban keeps this visitor (or their current address) from chatting. */
export async function isBanned(
  deps: Pick<Deps, 'store' | 'clock'>,
  visitor: Pick<VisitorRow, 'id' | 'site_id' | 'ip'>,
): Promise<boolean> {
  return hasActiveBan(deps.store, visitor, deps.clock.now());
}

/**
 * Live rows for the given visitors, in four queries whatever their number; with `scope`, only
 * those of the sites it sees.
 */
export async function loadLiveVisitors(
  deps: Deps,
  ids: readonly string[],
  scope: AccessScope = { kind: 'all' },
): Promise<LiveVisitor[]> {
  if (ids.length === 0) return [];
  const now = deps.clock.now();
  const rows = await visitorsWithSiteName(deps.store, ids, scope);
  if (rows.length === 0) return [];
  const found = rows.map((r) => r.id);
  const ips = [...new Set(rows.map((r) => r.ip).filter((ip): ip is string => ip !== null))];
  const [open, bans, invitations, online] = await Promise.all([
    openChatsOfVisitors(deps.store, found),
    activeBansOn(deps.store, now, found, ips),
    pendingInvitationsOf(deps.store, found),
    deps.presence.onlineVisitors(found),
  ]);
  return rows.map((r) => {
    const { site_name: siteName, ...visitor } = r;
    return presentLiveVisitor({
      visitor,
      siteName,
      online: online.has(r.id),
      open: open.find((c) => c.visitor_id === r.id),
      banned: bans.some(
        (b) =>
          b.site_id === r.site_id && (b.visitor_id === r.id || (b.ip !== null && b.ip === r.ip)),
      ),
      invitation: invitations.find((i) => i.visitor_id === r.id),
    });
  });
}

/**
 * Tells the console (and, with `self`, the visitor's own tabs) that a visitor changed. Errors
 * are logged, not thrown: the change itself is already committed.
 */
export async function publishVisitorChanged(
  deps: Deps,
  visitorId: string,
  opts: { self?: VisitorSelf } = {},
): Promise<void> {
  try {
    const [live] = await loadLiveVisitors(deps, [visitorId]);
    if (!live) return;
    deps.bus.publish({
      type: 'visitor.changed',
      visitor: live,
      ...(opts.self ? { self: opts.self } : {}),
    });
  } catch (err) {
    deps.log[logLevelFor(err, 'warn')]({ err, visitorId }, 'could not publish a visitor change');
  }
}

/** The visitor as their own tabs see them ("Your details"). */
export async function visitorSelf(
  deps: Pick<Deps, 'store'>,
  visitorId: string,
): Promise<VisitorSelf> {
  return presentVisitorSelf(await findVisitor(deps, visitorId));
}

/** Everyone on the viewer's sites now, then those who left in the last minutes; at most 500. */
export async function listLiveVisitors(deps: Deps, scope: AccessScope): Promise<LiveVisitor[]> {
  const online = await deps.presence.onlineVisitorIds();
  const since = deps.clock.now() - RECENTLY_LEFT_MS;
  const recent = await visitorIdsSeenSince(deps.store, since, scope, MAX_LISTED);
  const ids = [...new Set([...online, ...recent])].slice(0, MAX_LISTED);
  const visitors = await loadLiveVisitors(deps, ids, scope);
  return visitors.sort((a, b) => b.lastSeenAt.localeCompare(a.lastSeenAt));
}

/**
 * One visitor for the right panel and the drawer. `viewer`: the agent asking; a past chat's
 * last message is shown only when they may read that chat (its preview is its content).
 */
export async function visitorDetails(
  deps: Deps,
  visitorId: string,
  agent: Pick<AgentRow, 'id' | 'role'> & { access?: AccessScope },
): Promise<VisitorDetails | null> {
  const viewer = await withAccess(deps, agent);
  // A visitor of a site the agent does not work on is as unknown as one that never was.
  const [live] = await loadLiveVisitors(deps, [visitorId], viewer.access);
  if (!live) return null;
  const [row, pages, conversations] = await Promise.all([
    findVisitor(deps, visitorId),
    latestPageViews(deps.store, visitorId, 100),
    chatHistoryOfVisitor(deps.store, visitorId, 50),
  ]);
  const attributes = parseStringMap(row.attributes);
  return {
    ...live,
    attributes: Object.entries(attributes).map(([key, value]) => ({
      key,
      value,
      verified: live.verified.includes(key),
    })),
    navigation: pages.map(presentPageView),
    conversations: conversations.map((c) => ({
      id: c.id,
      status: c.status,
      agentName: c.agent_name,
      createdAt: new Date(c.created_at).toISOString(),
      closedAt: c.closed_at === null ? null : new Date(c.closed_at).toISOString(),
      messageCount: c.last_public_seq,
      lastMessage: agentCanView(viewer, c) ? c.last_message_body : null,
      rating: c.rating,
    })),
    firstSeenAt: new Date(row.created_at).toISOString(),
  };
}

function validTimeZone(tz: string): string | null {
  if (!tz) return null;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return null;
  }
}

function httpUrl(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/**
 * One page view reported by loader.js. Idempotent per page-view id, so an event stream that
 * reconnects does not count the page twice. `stillHere`: the visitor had another page open,
 * so this page continues their visit whatever the time since they were last seen.
 */
export async function recordPageView(
  deps: Deps,
  visitor: VisitorRow,
  view: Required<Omit<LiveQuery, 't'>>,
  conn: { ip: string | null; userAgent: string | undefined; stillHere: boolean },
): Promise<void> {
  const now = deps.clock.now();
  const url = httpUrl(view.url);
  if (!url) return;
  const title = view.title.slice(0, 500);
  const isNew = await insertPageView(deps.store, {
    visitorId: visitor.id,
    id: view.pv,
    url,
    title,
    at: now,
  });
  const newVisit =
    visitor.visit_started_at === null ||
    (!conn.stillHere && now - visitor.last_seen_at > VISIT_GAP_MS);
  const location = conn.ip !== visitor.ip ? await deps.geo.locate(conn.ip) : null;
  const device = describeUserAgent(conn.userAgent);
  const referrer = httpUrl(view.ref);
  await updateVisitor(deps.store, visitor.id, {
    last_seen_at: now,
    current_url: url,
    current_title: title,
    language: view.lang ? view.lang.slice(0, 35) : visitor.language,
    time_zone: validTimeZone(view.tz) ?? visitor.time_zone,
    browser: device.browser,
    os: device.os,
    device_type: device.type,
    ...(location
      ? {
          ip: conn.ip,
          country: location.country,
          region: location.region,
          city: location.city,
          geo_time_zone: location.timeZone,
        }
      : {}),
    ...(newVisit
      ? {
          visits: visitor.visits + 1,
          visit_started_at: now,
          page_views: isNew ? 1 : 0,
          referrer,
        }
      : isNew
        ? { page_views: visitor.page_views + 1 }
        : {}),
  });
  await publishVisitorChanged(deps, visitor.id);
}

/** The visitor's last page closed: remember when, for "recently left" and the next visit. */
export async function visitorLeft(deps: Deps, visitorId: string): Promise<void> {
  await updateVisitor(deps.store, visitorId, { last_seen_at: deps.clock.now() });
  await publishVisitorChanged(deps, visitorId);
}

/** Retention: page views older than `navigationRetentionDays` are deleted. */
export async function purgeOldPageViews(deps: Deps): Promise<number> {
  const { navigationRetentionDays } = await getSettings(deps);
  const cutoff = deps.clock.now() - navigationRetentionDays * 86_400_000;
  return deletePageViewsBefore(deps.store, cutoff);
}
