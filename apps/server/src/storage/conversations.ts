import type { QueueInfo } from '@parley/protocol';
import type { Kysely } from 'kysely';
import type { AccessScope } from '../domain/access.js';
import { conversationVisible } from './access.js';
import type { ConversationRow, Database } from './schema.js';
import { tagsOfChats, type TagBadge } from './tags.js';

/** A conversation with what every presenter needs: site name, visitor summary, assignee. */
export interface ConversationView extends ConversationRow {
  site_name: string;
  visitor_code: string;
  visitor_name: string | null;
  visitor_email: string | null;
  /** JSON: attribute key -> value a signed identity vouched for. */
  visitor_verified: string;
  assignee_name: string | null;
  assignee_avatar_url: string | null;
  department_name: string | null;
}

/** A view plus what changes without touching the conversation row: offers, colleagues, presence. */
export interface ConversationSnapshot extends ConversationView {
  offered_to: string[];
  participants: Array<{ id: string; name: string; avatar_url: string | null }>;
  visitor_online: boolean;
  /** Read marks: how far the visitor has seen (in seq, for agents)... */
  visitor_seen_seq: number;
  /** ...and the furthest agent, in the visitor's numbering (public_seq), for the visitor. */
  agent_seen_public_seq: number;
  /** Place in line for a waiting chat, when the reader needs it (the visitor); else null. */
  queue: QueueInfo | null;
  /** Agents only, like the title (presenters leave both out of the visitor's view). */
  tags: TagBadge[];
}

/** Adds pending offers and participants in two queries for any number of views. */
export async function withDetails(
  db: Kysely<Database>,
  views: ConversationView[],
  onlineVisitors: ReadonlySet<string>,
): Promise<ConversationSnapshot[]> {
  if (views.length === 0) return [];
  const ids = views.map((v) => v.id);
  const [offers, participants, marks, tags] = await Promise.all([
    db
      .selectFrom('offers')
      .select(['conversation_id', 'agent_id'])
      .where('conversation_id', 'in', ids)
      .where('status', '=', 'pending')
      .execute(),
    db
      .selectFrom('participants as p')
      .innerJoin('agents as a', 'a.id', 'p.agent_id')
      .select(['p.conversation_id', 'a.id', 'a.name', 'a.avatar_url'])
      .where('p.conversation_id', 'in', ids)
      .where('p.left_at', 'is', null)
      .orderBy('p.joined_at')
      .execute(),
    db
      .selectFrom('read_marks')
      .select(['conversation_id', 'reader_type', 'seq', 'public_seq'])
      .where('conversation_id', 'in', ids)
      .execute(),
    tagsOfChats(db, ids),
  ]);
  const seen = (id: string, type: 'visitor' | 'agent', numbering: 'seq' | 'public_seq') =>
    marks
      .filter((m) => m.conversation_id === id && m.reader_type === type)
      .reduce((max, m) => Math.max(max, m[numbering]), 0);
  return views.map((v) => ({
    ...v,
    offered_to: offers.filter((o) => o.conversation_id === v.id).map((o) => o.agent_id),
    participants: participants
      .filter((p) => p.conversation_id === v.id)
      .map((p) => ({ id: p.id, name: p.name, avatar_url: p.avatar_url })),
    visitor_online: onlineVisitors.has(v.visitor_id),
    visitor_seen_seq: seen(v.id, 'visitor', 'seq'),
    agent_seen_public_seq: seen(v.id, 'agent', 'public_seq'),
    queue: null,
    tags: tags.get(v.id) ?? [],
  }));
}

function viewQuery(db: Kysely<Database>) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('sites as s', 's.id', 'c.site_id')
    .innerJoin('visitors as v', 'v.id', 'c.visitor_id')
    .leftJoin('agents as a', 'a.id', 'c.assignee_id')
    .leftJoin('departments as d', 'd.id', 'c.department_id')
    .selectAll('c')
    .select([
      's.name as site_name',
      'v.code as visitor_code',
      'v.name as visitor_name',
      'v.email as visitor_email',
      'v.verified as visitor_verified',
      'a.name as assignee_name',
      'a.avatar_url as assignee_avatar_url',
      'd.name as department_name',
    ]);
}

export async function findConversationView(
  db: Kysely<Database>,
  id: string,
): Promise<ConversationView | undefined> {
  return viewQuery(db).where('c.id', '=', id).executeTakeFirst();
}

export interface ConversationFilter {
  status?: ConversationRow['status'] | undefined;
  statuses?: ConversationRow['status'][];
  assigneeId?: string | undefined;
  /** Restrict to what a non-supervisor agent may see: waiting chats, their own and those they joined. */
  visibleToAgentId?: string | undefined;
  /** Only chats of these sites and departments (domain/access.ts), filtered in SQL. */
  access?: AccessScope | undefined;
  departmentId?: string | null;
  visitorId?: string;
  limit: number;
}

export async function listConversationViews(
  db: Kysely<Database>,
  f: ConversationFilter,
): Promise<ConversationView[]> {
  let q = viewQuery(db);
  if (f.status) q = q.where('c.status', '=', f.status);
  if (f.statuses) q = q.where('c.status', 'in', f.statuses);
  if (f.assigneeId) q = q.where('c.assignee_id', '=', f.assigneeId);
  if (f.visitorId) q = q.where('c.visitor_id', '=', f.visitorId);
  if (f.access) q = q.where(conversationVisible(f.access, 'c'));
  if (f.departmentId !== undefined) {
    q =
      f.departmentId === null
        ? q.where('c.department_id', 'is', null)
        : q.where('c.department_id', '=', f.departmentId);
  }
  if (f.visibleToAgentId) {
    const id = f.visibleToAgentId;
    q = q.where((eb) =>
      eb.or([
        eb('c.assignee_id', '=', id),
        eb('c.status', 'in', ['queued', 'offered']),
        eb.exists(
          eb
            .selectFrom('participants as p')
            .select('p.agent_id')
            .whereRef('p.conversation_id', '=', 'c.id')
            .where('p.agent_id', '=', id),
        ),
      ]),
    );
  }
  // Waiting chats oldest first (FIFO); everything else most recent activity first.
  const waitingOnly = f.status === 'queued' || f.status === 'offered';
  q = waitingOnly
    ? q.orderBy('c.queued_at', 'asc').orderBy('c.id', 'asc')
    : q.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc');
  return q.limit(f.limit).execute();
}

/** Waiting chats of the same site and department queued before this one (ties by id). */
export async function countWaitingAhead(
  db: Kysely<Database>,
  v: Pick<ConversationRow, 'id' | 'site_id' | 'department_id' | 'queued_at'>,
): Promise<number> {
  let ahead = db
    .selectFrom('conversations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', ['queued', 'offered'])
    // Each site's agents serve their own line: only chats of this site wait ahead of it.
    .where('site_id', '=', v.site_id)
    .where((eb) =>
      eb.or([
        eb('queued_at', '<', v.queued_at),
        eb.and([eb('queued_at', '=', v.queued_at), eb('id', '<', v.id)]),
      ]),
    );
  ahead =
    v.department_id === null
      ? ahead.where('department_id', 'is', null)
      : ahead.where('department_id', '=', v.department_id);
  const count = await ahead.executeTakeFirstOrThrow();
  return Number(count.n);
}

/** How long the department's last 20 accepted chats waited (ms), latest first. */
export async function recentWaits(
  db: Kysely<Database>,
  departmentId: string | null,
): Promise<number[]> {
  let recent = db
    .selectFrom('conversations')
    .select(['queued_at', 'accepted_at'])
    .where('accepted_at', 'is not', null)
    .orderBy('accepted_at', 'desc')
    .limit(20);
  recent =
    departmentId === null
      ? recent.where('department_id', 'is', null)
      : recent.where('department_id', '=', departmentId);
  const rows = await recent.execute();
  return rows.map((r) => r.accepted_at! - r.queued_at);
}

/** The allowed origins of the chat's site (JSON, as stored); throws for an unknown chat. */
export async function allowedOriginsOfChat(
  db: Kysely<Database>,
  conversationId: string,
): Promise<string> {
  const site = await db
    .selectFrom('conversations as c')
    .innerJoin('sites as s', 's.id', 'c.site_id')
    .select('s.allowed_origins')
    .where('c.id', '=', conversationId)
    .executeTakeFirstOrThrow();
  return site.allowed_origins;
}
