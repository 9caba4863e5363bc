import type { Updateable } from 'kysely';
import type { AccessScope } from '../domain/access.js';
import { siteVisible } from './access.js';
import type { ConversationRow, VisitorRow, VisitorsTable } from './schema.js';
import type { Store } from './store.js';

export type VisitorUpdate = Updateable<VisitorsTable>;
type OpenChat = Pick<ConversationRow, 'id' | 'status' | 'assignee_id'>;

export async function insertVisitor(db: Store, row: VisitorRow): Promise<void> {
  await db.insertInto('visitors').values(row).execute();
}

export async function updateVisitor(db: Store, id: string, patch: VisitorUpdate): Promise<void> {
  await db.updateTable('visitors').set(patch).where('id', '=', id).execute();
}

/** The visitor whose session token hashes to `tokenHash`. */
export function findVisitorByTokenHash(
  db: Store,
  tokenHash: string,
): Promise<VisitorRow | undefined> {
  return db
    .selectFrom('visitors')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** These visitors with their site's name; only those of the sites of `scope`. */
export function visitorsWithSiteName(
  db: Store,
  ids: readonly string[],
  scope: AccessScope,
): Promise<Array<VisitorRow & { site_name: string }>> {
  return db
    .selectFrom('visitors as v')
    .innerJoin('sites as s', 's.id', 'v.site_id')
    .selectAll('v')
    .select('s.name as site_name')
    .where('v.id', 'in', ids)
    .where(siteVisible(scope, 'v.site_id'))
    .execute();
}

/** Visitors of the sites of `scope` seen after `since`, latest first, at most `limit`. */
export async function visitorIdsSeenSince(
  db: Store,
  since: number,
  scope: AccessScope,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('visitors')
    .select('id')
    .where('last_seen_at', '>', since)
    .where(siteVisible(scope, 'site_id'))
    .orderBy('last_seen_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** How many of these visitors each site has. */
export async function countVisitorsBySite(
  db: Store,
  ids: readonly string[],
): Promise<Array<{ site_id: string; n: number }>> {
  const rows = await db
    .selectFrom('visitors')
    .select(['site_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('id', 'in', ids)
    .groupBy('site_id')
    .execute();
  return rows.map((r) => ({ site_id: r.site_id, n: Number(r.n) }));
}

/** Enabled agents who are not admins: those whose Visitors badge depends on their sites. */
export async function nonAdminAgentIds(db: Store): Promise<string[]> {
  const rows = await db
    .selectFrom('agents')
    .select('id')
    .where('disabled_at', 'is', null)
    .where('role', '!=', 'admin')
    .execute();
  return rows.map((a) => a.id);
}

function openChats(db: Store, visitorId: string) {
  return db
    .selectFrom('conversations')
    .select(['id', 'status', 'assignee_id'])
    .where('visitor_id', '=', visitorId)
    .where('status', '!=', 'closed');
}

/** The visitor's chats that are not closed. */
export function openChatsOfVisitor(db: Store, visitorId: string): Promise<OpenChat[]> {
  return openChats(db, visitorId).execute();
}

/** The visitor's chat that is not closed, if any. */
export function openChatOfVisitor(db: Store, visitorId: string): Promise<OpenChat | undefined> {
  return openChats(db, visitorId).executeTakeFirst();
}

/** The chats of these visitors that are not closed. */
export function openChatsOfVisitors(
  db: Store,
  visitorIds: readonly string[],
): Promise<Array<Pick<ConversationRow, 'id' | 'visitor_id' | 'status'>>> {
  return db
    .selectFrom('conversations')
    .select(['id', 'visitor_id', 'status'])
    .where('visitor_id', 'in', visitorIds)
    .where('status', '!=', 'closed')
    .execute();
}

/** A visitor's past and present chats for their details, newest first, at most `limit`. */
export function chatHistoryOfVisitor(db: Store, visitorId: string, limit: number) {
  return db
    .selectFrom('conversations as c')
    .leftJoin('agents as a', 'a.id', 'c.assignee_id')
    .select([
      'c.id',
      'c.status',
      'c.created_at',
      'c.closed_at',
      'c.last_public_seq',
      'c.last_message_body',
      'c.rating',
      'c.assignee_id',
      'c.site_id',
      'c.department_id',
      'a.name as agent_name',
    ])
    .where('c.visitor_id', '=', visitorId)
    .orderBy('c.created_at', 'desc')
    .limit(limit)
    .execute();
}
