import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import type { SearchTerm } from '../domain/searchQuery.js';
import type { Dialect } from './database.js';
import type { ConversationRow, Database, MessageRow } from './schema.js';
import { HIT_END, HIT_START, pendingMessageHits } from './searchPending.js';

export { HIT_END, HIT_START };

/** What narrows a search besides its words; every field optional, all combined with AND. */
export interface SearchFilters {
  /** Milliseconds since the epoch, inclusive; on the message's time (messages) or the chat's start. */
  readonly from?: number;
  readonly to?: number;
  readonly siteId?: string;
  readonly departmentId?: string;
  /** The chat's assignee. */
  readonly agentId?: string;
  readonly status?: ConversationRow['status'];
  readonly rating?: 'good' | 'bad';
  readonly channel?: ConversationRow['channel'];
}

export interface SearchPage {
  readonly limit: number;
  readonly offset: number;
}

/**
 * Which chats the reader may open, as a condition on the conversation aliased `c`; null for
 * a reader who may open every chat. The caller builds it from the reader's access: search
 * answers nothing the reader could not open.
 */
export type ChatAccess = RawBuilder<unknown> | null;

export interface MessageHit {
  id: string;
  conversation_id: string;
  seq: number;
  created_at: number;
  visibility: MessageRow['visibility'];
  author_type: MessageRow['author_type'];
  author_name: string | null;
  /** The message around its matched words, each between HIT_START and HIT_END. */
  snippet: string;
}

export interface VisitorHit {
  id: string;
  site_id: string;
  code: string;
  name: string | null;
  email: string | null;
  last_seen_at: number;
}

/** An FTS5 query: each word as a quoted string (never syntax), its alternatives OR-ed. */
export function ftsMatch(terms: readonly SearchTerm[]): string {
  return terms
    .map((t) => {
      const parts = t.alternatives.map((a) => `"${a}"`);
      if (t.prefix) parts.push(`"${t.word}"*`);
      return `(${parts.join(' OR ')})`;
    })
    .join(' AND ');
}

/** A tsquery: words hold letters and digits only, so each is a lexeme as it stands. */
export function tsQuery(terms: readonly SearchTerm[]): string {
  return terms
    .map((t) => {
      const parts = [...t.alternatives];
      if (t.prefix) parts.push(`${t.word}:*`);
      return `(${parts.join(' | ')})`;
    })
    .join(' & ');
}

/**
 * The terms with only those typo spellings that some indexed message holds (the word as typed
 * is always kept): a five-letter word has hundreds of spellings one edit away, and each one
 * the full-text index is asked for costs a lookup in every FTS5 segment, or on PostgreSQL
 * makes the planner expect most of the table to match.
 */
async function knownSpellings(
  db: Kysely<Database>,
  dialect: Dialect,
  terms: readonly SearchTerm[],
): Promise<SearchTerm[]> {
  const spellings = [...new Set(terms.flatMap((t) => t.alternatives.filter((a) => a !== t.word)))];
  if (spellings.length === 0) return [...terms];
  const r =
    dialect === 'sqlite'
      ? await sql<{ term: string }>`
          SELECT term FROM search_terms WHERE term IN (${sql.join(spellings)})`.execute(db)
      : // Compared as the index keeps words: through parley_search (unaccent folds ß to ss).
        await sql<{ term: string }>`
          SELECT a.w AS term FROM unnest(${spellings}::text[]) AS a(w)
          WHERE EXISTS (SELECT 1 FROM search_terms t WHERE t.term = ANY (
            tsvector_to_array(to_tsvector('parley_search'::regconfig, a.w))))`.execute(db);
  const known = new Set(r.rows.map((row) => row.term));
  return terms.map((t) => ({
    ...t,
    alternatives: t.alternatives.filter((a) => a === t.word || known.has(a)),
  }));
}

function conversationFilters(
  f: SearchFilters,
  access: ChatAccess,
  dialect: Dialect,
): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (f.siteId !== undefined) where.push(sql`c.site_id = ${f.siteId}`);
  if (f.departmentId !== undefined) where.push(sql`c.department_id = ${f.departmentId}`);
  if (f.agentId !== undefined) where.push(sql`c.assignee_id = ${f.agentId}`);
  // `+c.status` keeps SQLite from planning through the Archive's (status, closed_at) index and
  // checking every closed chat against the text match, instead of starting from the match.
  if (f.status !== undefined)
    where.push(dialect === 'sqlite' ? sql`+c.status = ${f.status}` : sql`c.status = ${f.status}`);
  if (f.rating !== undefined) where.push(sql`c.rating = ${f.rating}`);
  if (f.channel !== undefined) where.push(sql`c.channel = ${f.channel}`);
  if (access) where.push(sql`(${access})`);
  return where;
}

export function timeFilters(column: string, f: SearchFilters): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (f.from !== undefined) where.push(sql`${sql.ref(column)} >= ${f.from}`);
  if (f.to !== undefined) where.push(sql`${sql.ref(column)} <= ${f.to}`);
  return where;
}

export const and = (parts: RawBuilder<unknown>[]) =>
  parts.length ? sql`AND ${sql.join(parts, sql` AND `)}` : sql``;

export interface MessageSearch {
  readonly terms: readonly SearchTerm[];
  readonly filters: SearchFilters;
  readonly access: ChatAccess;
  /** Which visibilities the reader may see (agents: private notes too). */
  readonly visibilities: readonly MessageRow['visibility'][];
  readonly page: SearchPage;
}

/** Messages matching every word, newest first, with a snippet around the hits. */
export async function searchMessages(
  db: Kysely<Database>,
  dialect: Dialect,
  q: MessageSearch,
): Promise<MessageHit[]> {
  if (q.terms.length === 0 || q.visibilities.length === 0) return [];
  const where = and([
    sql`m.visibility IN (${sql.join([...q.visibilities])})`,
    ...timeFilters('m.created_at', q.filters),
    ...conversationFilters(q.filters, q.access, dialect),
  ]);
  const columns = sql`m.id, m.conversation_id, m.seq, m.created_at, m.visibility, m.author_type, m.author_name`;
  if (dialect === 'sqlite') return sqliteMessages(db, columns, where, q);
  const terms = await knownSpellings(db, dialect, q.terms);
  const query = sql`to_tsquery('parley_search'::regconfig, ${tsQuery(terms)})`;
  const r = await sql<MessageHit>`
    WITH hits AS (
      SELECT ${columns}, m.body
      FROM messages m
      JOIN conversations c ON c.id = m.conversation_id
      WHERE to_tsvector('parley_search'::regconfig, m.body) @@ ${query}
        AND m.author_type <> 'system' ${where}
      ORDER BY m.created_at DESC, m.id DESC
      LIMIT ${q.page.limit} OFFSET ${q.page.offset})
    SELECT id, conversation_id, seq, created_at, visibility, author_type,
      author_name, ts_headline('parley_search'::regconfig, body, ${query},
        ${`StartSel="${HIT_START}", StopSel="${HIT_END}", MaxWords=35, MinWords=15`}) AS snippet
    FROM hits ORDER BY created_at DESC, id DESC`.execute(db);
  return r.rows;
}

/**
 * The pending messages (newest, not yet indexed) first, then the indexed ones, newest first,
 * read on the one connection so the indexer cannot move a message between the two reads.
 */
function sqliteMessages(
  db: Kysely<Database>,
  columns: RawBuilder<unknown>,
  where: RawBuilder<unknown>,
  q: MessageSearch,
): Promise<MessageHit[]> {
  const { limit, offset } = q.page;
  return db.connection().execute(async (conn) => {
    const pending = await pendingMessageHits(conn, columns, where, q.terms);
    const first = pending.slice(offset, offset + limit);
    if (first.length === limit) return first;
    const terms = await knownSpellings(conn, 'sqlite', q.terms);
    const r = await sql<MessageHit>`
      SELECT ${columns}, snippet(message_search, 0, ${HIT_START}, ${HIT_END}, '…', 16) AS snippet
      FROM message_search
      JOIN messages m ON m.id = message_search.message_id
      JOIN conversations c ON c.id = m.conversation_id
      WHERE message_search MATCH ${ftsMatch(terms)} ${where}
      ORDER BY message_search.rowid DESC
      LIMIT ${limit - first.length} OFFSET ${Math.max(0, offset - pending.length)}`.execute(conn);
    return [...first, ...r.rows];
  });
}

export interface VisitorSearch {
  readonly terms: readonly SearchTerm[];
  /** The sites whose visitors the reader may see; null for every site. */
  readonly siteIds: readonly string[] | null;
  readonly siteId?: string;
  readonly page: SearchPage;
}

/** Visitors whose name, email or code holds every word (each a prefix), last seen first. */
export async function searchVisitors(
  db: Kysely<Database>,
  dialect: Dialect,
  q: VisitorSearch,
): Promise<VisitorHit[]> {
  if (q.terms.length === 0 || q.siteIds?.length === 0) return [];
  // Names are typed in part ("ann" for Anna): every word is a prefix here.
  const terms = q.terms.map((t) => ({ ...t, prefix: true }));
  const where = and([
    ...(q.siteIds ? [sql`v.site_id IN (${sql.join([...q.siteIds])})`] : []),
    ...(q.siteId !== undefined ? [sql`v.site_id = ${q.siteId}`] : []),
  ]);
  const columns = sql`v.id, v.site_id, v.code, v.name, v.email, v.last_seen_at`;
  if (dialect === 'sqlite') {
    const r = await sql<VisitorHit>`
      SELECT ${columns} FROM visitor_search JOIN visitors v ON v.id = visitor_search.visitor_id
      WHERE visitor_search MATCH ${ftsMatch(terms)} ${where}
      ORDER BY v.last_seen_at DESC, v.id DESC
      LIMIT ${q.page.limit} OFFSET ${q.page.offset}`.execute(db);
    return r.rows;
  }
  const r = await sql<VisitorHit>`
    SELECT ${columns}
    FROM visitors v
    WHERE to_tsvector('parley_search'::regconfig, coalesce(v.name, '') || ' ' ||
        translate(coalesce(v.email, ''), '@.+_-', '     ') || ' ' || v.code)
      @@ to_tsquery('parley_search'::regconfig, ${tsQuery(terms)}) ${where}
    ORDER BY v.last_seen_at DESC, v.id DESC
    LIMIT ${q.page.limit} OFFSET ${q.page.offset}`.execute(db);
  return r.rows;
}

export interface ChatSearch {
  readonly terms: readonly SearchTerm[];
  readonly filters: SearchFilters;
  readonly access: ChatAccess;
  readonly page: SearchPage;
}

/** Chats of the visitors whose name, email or code matches, newest first. */
export async function searchChats(
  db: Kysely<Database>,
  dialect: Dialect,
  q: ChatSearch,
): Promise<ConversationRow[]> {
  if (q.terms.length === 0) return [];
  const terms = q.terms.map((t) => ({ ...t, prefix: true }));
  const where = and([
    ...timeFilters('c.created_at', q.filters),
    ...conversationFilters(q.filters, q.access, dialect),
  ]);
  const visitorMatch =
    dialect === 'sqlite'
      ? sql`c.visitor_id IN (SELECT visitor_id FROM visitor_search WHERE visitor_search MATCH ${ftsMatch(terms)})`
      : sql`c.visitor_id IN (SELECT v.id FROM visitors v WHERE to_tsvector('parley_search'::regconfig,
          coalesce(v.name, '') || ' ' || translate(coalesce(v.email, ''), '@.+_-', '     ') || ' ' || v.code)
          @@ to_tsquery('parley_search'::regconfig, ${tsQuery(terms)}))`;
  const r = await sql<ConversationRow>`
    SELECT c.* FROM conversations c WHERE ${visitorMatch} ${where}
    ORDER BY c.created_at DESC, c.id DESC
    LIMIT ${q.page.limit} OFFSET ${q.page.offset}`.execute(db);
  return r.rows;
}

/** Every one of the conditions (null ones left out); null when none is left. */
export function allOf(
  parts: ReadonlyArray<RawBuilder<unknown> | Expression<unknown> | null>,
): ChatAccess {
  const kept = parts.filter((p) => p !== null);
  return kept.length ? sql`(${sql.join(kept, sql` AND `)})` : null;
}

/** The chats an agent who is no supervisor may open: waiting ones and those they are in. */
export function chatsOfAgent(agentId: string): RawBuilder<unknown> {
  return sql`(c.assignee_id = ${agentId} OR c.status IN ('queued', 'offered') OR EXISTS (
    SELECT 1 FROM participants p WHERE p.conversation_id = c.id AND p.agent_id = ${agentId}))`;
}

/** What a result list shows of a chat: its site, visitor and assignee. */
export interface ChatSummary {
  id: string;
  status: ConversationRow['status'];
  site_name: string;
  visitor_id: string;
  visitor_code: string;
  visitor_name: string | null;
  assignee_name: string | null;
  created_at: number;
  closed_at: number | null;
}

export async function chatSummaries(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, ChatSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('conversations as c')
    .innerJoin('sites as s', 's.id', 'c.site_id')
    .innerJoin('visitors as v', 'v.id', 'c.visitor_id')
    .leftJoin('agents as a', 'a.id', 'c.assignee_id')
    .select([
      'c.id',
      'c.status',
      's.name as site_name',
      'c.visitor_id',
      'v.code as visitor_code',
      'v.name as visitor_name',
      'a.name as assignee_name',
      'c.created_at',
      'c.closed_at',
    ])
    .where('c.id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Each visitor's most recent chat the reader may open, to go to from a visitor hit. */
export async function latestChats(
  db: Kysely<Database>,
  visitorIds: readonly string[],
  access: ChatAccess,
): Promise<Map<string, string>> {
  if (visitorIds.length === 0) return new Map();
  const r = await sql<{ visitor_id: string; id: string }>`
    SELECT c.visitor_id, c.id FROM conversations c
    WHERE c.visitor_id IN (${sql.join([...visitorIds])}) ${and(access ? [sql`(${access})`] : [])}
    ORDER BY c.created_at ASC, c.id ASC`.execute(db);
  // Oldest first, so the newest of each visitor is the one left in the map.
  return new Map(r.rows.map((row) => [row.visitor_id, row.id]));
}
