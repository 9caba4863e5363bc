import { sql, type Kysely, type SqlBool } from 'kysely';
import type { AccessScope } from '../domain/access.js';
import { conversationVisible } from './access.js';
import type { Database, MessageRow, VisitorRow } from './schema.js';

/**
 * The returning customer's earlier conversations: ended chats of a set of visitors (one
 * person: their device, and visitors a signed identity links to it), older than a point.
 */

/** A place in the order of conversations: creation time, the id breaking ties. */
export interface ConversationPoint {
  created_at: number;
  id: string;
}

const identityColumns = ['id', 'site_id', 'name', 'email', 'attributes', 'verified'] as const;
export type VisitorIdentity = Pick<VisitorRow, (typeof identityColumns)[number]>;

export function findVisitorIdentity(
  db: Kysely<Database>,
  id: string,
): Promise<VisitorIdentity | undefined> {
  return db.selectFrom('visitors').select(identityColumns).where('id', '=', id).executeTakeFirst();
}

/** The visitors of a site whose current email is this one (signed or typed: the caller checks). */
export function visitorsWithEmail(
  db: Kysely<Database>,
  siteId: string,
  email: string,
): Promise<VisitorIdentity[]> {
  return db
    .selectFrom('visitors')
    .select(identityColumns)
    .where('site_id', '=', siteId)
    .where('email', '=', email)
    .execute();
}

export interface EarlierFilter {
  siteId: string;
  visitorIds: readonly string[];
  /** Older than this (the conversation shown below them); null: every ended one. */
  below: ConversationPoint | null;
  /** An agent's sites and departments; null for the visitor, who reads their own. */
  access: AccessScope | null;
}

export interface EarlierRow {
  id: string;
  created_at: number;
  closed_at: number | null;
  assignee_id: string | null;
  assignee_name: string | null;
}

function earlierQuery(db: Kysely<Database>, f: EarlierFilter) {
  let q = db
    .selectFrom('conversations as c')
    .where('c.site_id', '=', f.siteId)
    .where('c.visitor_id', 'in', [...f.visitorIds])
    .where('c.status', '=', 'closed');
  if (f.below) q = q.where(before('c', f.below));
  if (f.access) q = q.where(conversationVisible(f.access, 'c'));
  return q;
}

/** created_at, id strictly before `p`. */
function before(alias: string, p: ConversationPoint) {
  const at = sql.ref(`${alias}.created_at`);
  const id = sql.ref(`${alias}.id`);
  return sql<SqlBool>`(${at} < ${p.created_at} or (${at} = ${p.created_at} and ${id} < ${p.id}))`;
}

export async function countEarlier(db: Kysely<Database>, f: EarlierFilter): Promise<number> {
  const row = await earlierQuery(db, f)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The most recent `limit` of them older than `cursor` (if given), most recent first. */
export function listEarlier(
  db: Kysely<Database>,
  f: EarlierFilter,
  page: { cursor: ConversationPoint | null; limit: number },
): Promise<EarlierRow[]> {
  let q = earlierQuery(db, f)
    .leftJoin('agents as a', 'a.id', 'c.assignee_id')
    .select(['c.id', 'c.created_at', 'c.closed_at', 'c.assignee_id', 'a.name as assignee_name']);
  if (page.cursor) q = q.where(before('c', page.cursor));
  return q.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(page.limit).execute();
}

/** A conversation of the set (the cursor a page handed out); undefined when it is not one. */
export function earlierPoint(
  db: Kysely<Database>,
  f: Pick<EarlierFilter, 'siteId' | 'visitorIds'>,
  id: string,
): Promise<ConversationPoint | undefined> {
  return db
    .selectFrom('conversations')
    .select(['id', 'created_at'])
    .where('id', '=', id)
    .where('site_id', '=', f.siteId)
    .where('visitor_id', 'in', [...f.visitorIds])
    .executeTakeFirst();
}

/** Of these conversations, those whose notes `agentId` may read: they owned or joined them. */
export async function conversationsOfAgent(
  db: Kysely<Database>,
  agentId: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('conversations as c')
    .select('c.id')
    .where('c.id', 'in', [...ids])
    .where((eb) =>
      eb.or([
        eb('c.assignee_id', '=', agentId),
        eb.exists(
          eb
            .selectFrom('participants as p')
            .select('p.agent_id')
            .whereRef('p.conversation_id', '=', 'c.id')
            .where('p.agent_id', '=', agentId),
        ),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** The first `limit` messages of a conversation of these visibilities, in order. */
export function firstMessages(
  db: Kysely<Database>,
  conversationId: string,
  visibilities: readonly MessageRow['visibility'][],
  limit: number,
): Promise<MessageRow[]> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('visibility', 'in', [...visibilities])
    .orderBy('seq', 'asc')
    .limit(limit)
    .execute();
}
