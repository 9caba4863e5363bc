import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { ChatAccess, SearchFilters, SearchPage } from './search.js';
import { sql } from 'kysely';

export interface ArchivedRow {
  id: string;
  site_name: string;
  visitor_id: string;
  visitor_code: string;
  visitor_name: string | null;
  visitor_email: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  department_id: string | null;
  department_name: string | null;
  created_at: number;
  closed_at: number;
  rating: 'good' | 'bad' | null;
  rating_comment: string | null;
  first_message: string | null;
}

export interface ArchiveFilters extends Omit<SearchFilters, 'status' | 'rating'> {
  /** 'none': chats the visitor did not rate. */
  readonly rating?: 'good' | 'bad' | 'none';
}

/**
 * Closed chats, most recently closed first, with what the Archive shows of each: the visitor,
 * the agent, the department and the visitor's first message. `from`/`to` bound when the chat
 * closed; `access` holds the list to what the reader may open.
 */
export async function listArchived(
  db: Kysely<Database>,
  f: ArchiveFilters,
  access: ChatAccess,
  page: SearchPage,
): Promise<ArchivedRow[]> {
  let q = db
    .selectFrom('conversations as c')
    .innerJoin('sites as s', 's.id', 'c.site_id')
    .innerJoin('visitors as v', 'v.id', 'c.visitor_id')
    .leftJoin('agents as a', 'a.id', 'c.assignee_id')
    .leftJoin('departments as d', 'd.id', 'c.department_id')
    .select((eb) => [
      'c.id',
      's.name as site_name',
      'c.visitor_id',
      'v.code as visitor_code',
      'v.name as visitor_name',
      'v.email as visitor_email',
      'c.assignee_id',
      'a.name as assignee_name',
      'c.department_id',
      'd.name as department_name',
      'c.created_at',
      'c.closed_at',
      'c.rating',
      'c.rating_comment',
      eb
        .selectFrom('messages as m')
        .select('m.body')
        .whereRef('m.conversation_id', '=', 'c.id')
        .where('m.author_type', '=', 'visitor')
        .orderBy('m.seq')
        .limit(1)
        .as('first_message'),
    ])
    .where('c.status', '=', 'closed');
  if (f.from !== undefined) q = q.where('c.closed_at', '>=', f.from);
  if (f.to !== undefined) q = q.where('c.closed_at', '<=', f.to);
  if (f.siteId !== undefined) q = q.where('c.site_id', '=', f.siteId);
  if (f.departmentId !== undefined) q = q.where('c.department_id', '=', f.departmentId);
  if (f.agentId !== undefined) q = q.where('c.assignee_id', '=', f.agentId);
  if (f.channel !== undefined) q = q.where('c.channel', '=', f.channel);
  if (f.rating === 'none') q = q.where('c.rating', 'is', null);
  else if (f.rating !== undefined) q = q.where('c.rating', '=', f.rating);
  if (access) q = q.where(sql<boolean>`${access}`);
  const rows = await q
    .orderBy('c.closed_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return rows as ArchivedRow[];
}
