import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { AccessScope } from '../domain/access.js';
import type { SearchTerm } from '../domain/searchQuery.js';
import { conversationVisible } from './access.js';
import type { Dialect } from './database.js';
import type { Database, TicketRow } from './schema.js';
import {
  and,
  ftsMatch,
  HIT_END,
  HIT_START,
  timeFilters,
  tsQuery,
  type SearchPage,
} from './search.js';

/** A ticket found by its subject, with the subject's matched words marked. */
export interface TicketHit {
  id: string;
  site_id: string;
  status: TicketRow['status'];
  name: string;
  email: string;
  created_at: number;
  /** The subject, each matched word between HIT_START and HIT_END. */
  subject: string;
}

export interface TicketSearch {
  readonly terms: readonly SearchTerm[];
  /** The reader's sites and departments: tickets follow the rule of chats (domain/access.ts). */
  readonly scope: AccessScope;
  readonly filters: {
    readonly from?: number;
    readonly to?: number;
    readonly siteId?: string;
    readonly departmentId?: string;
    /** The ticket's assignee. */
    readonly agentId?: string;
  };
  readonly page: SearchPage;
}

function ticketFilters(q: TicketSearch): RawBuilder<unknown> {
  const f = q.filters;
  return and([
    sql`${conversationVisible(q.scope, 't')}`,
    ...timeFilters('t.created_at', f),
    ...(f.siteId !== undefined ? [sql`t.site_id = ${f.siteId}`] : []),
    ...(f.departmentId !== undefined ? [sql`t.department_id = ${f.departmentId}`] : []),
    ...(f.agentId !== undefined ? [sql`t.assignee_id = ${f.agentId}`] : []),
  ]);
}

/** Tickets whose subject holds every word, newest first, among those the reader may open. */
export async function searchTickets(
  db: Kysely<Database>,
  dialect: Dialect,
  q: TicketSearch,
): Promise<TicketHit[]> {
  if (q.terms.length === 0) return [];
  const where = ticketFilters(q);
  const columns = sql`t.id, t.site_id, t.status, t.name, t.email, t.created_at`;
  const { limit, offset } = q.page;
  if (dialect === 'sqlite') {
    const r = await sql<TicketHit>`
      SELECT ${columns}, highlight(ticket_search, 0, ${HIT_START}, ${HIT_END}) AS subject
      FROM ticket_search JOIN tickets t ON t.id = ticket_search.ticket_id
      WHERE ticket_search MATCH ${ftsMatch(q.terms)} ${where}
      ORDER BY t.created_at DESC, t.id DESC
      LIMIT ${limit} OFFSET ${offset}`.execute(db);
    return r.rows;
  }
  const query = sql`to_tsquery('parley_search'::regconfig, ${tsQuery(q.terms)})`;
  const r = await sql<TicketHit>`
    SELECT ${columns}, ts_headline('parley_search'::regconfig, t.subject, ${query},
      ${`StartSel="${HIT_START}", StopSel="${HIT_END}", HighlightAll=true`}) AS subject
    FROM tickets t
    WHERE to_tsvector('parley_search'::regconfig, coalesce(t.subject, '')) @@ ${query} ${where}
    ORDER BY t.created_at DESC, t.id DESC
    LIMIT ${limit} OFFSET ${offset}`.execute(db);
  return r.rows.map((row) => ({ ...row, created_at: Number(row.created_at) }));
}
