import type { Kysely } from 'kysely';
import type { ConversationRow, Database } from './schema.js';

/** A conversation with what every presenter needs: site name, visitor summary, assignee. */
export interface ConversationView extends ConversationRow {
  site_name: string;
  visitor_code: string;
  visitor_name: string | null;
  visitor_email: string | null;
  assignee_name: string | null;
  assignee_avatar_url: string | null;
}

function viewQuery(db: Kysely<Database>) {
  return db
    .selectFrom('conversations as c')
    .innerJoin('sites as s', 's.id', 'c.site_id')
    .innerJoin('visitors as v', 'v.id', 'c.visitor_id')
    .leftJoin('agents as a', 'a.id', 'c.assignee_id')
    .selectAll('c')
    .select([
      's.name as site_name',
      'v.code as visitor_code',
      'v.name as visitor_name',
      'v.email as visitor_email',
      'a.name as assignee_name',
      'a.avatar_url as assignee_avatar_url',
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
  /** Restrict to what a non-supervisor agent may see: waiting chats plus their own. */
  visibleToAgentId?: string | undefined;
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
  if (f.visibleToAgentId) {
    const id = f.visibleToAgentId;
    q = q.where((eb) =>
      eb.or([eb('c.assignee_id', '=', id), eb('c.status', 'in', ['queued', 'offered'])]),
    );
  }
  // Waiting chats oldest first (FIFO); everything else most recent activity first.
  const waitingOnly = f.status === 'queued' || f.status === 'offered';
  q = waitingOnly
    ? q.orderBy('c.queued_at', 'asc').orderBy('c.id', 'asc')
    : q.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc');
  return q.limit(f.limit).execute();
}
