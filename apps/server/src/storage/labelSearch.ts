import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema.js';
import type { ChatAccess, SearchFilters } from './search.js';

/**
 * Chats found by their title or their tags, and the tag filter of the Archive and search.
 * Conditions are on the conversation aliased `c`, like those of storage/search.ts, so they
 * combine with its queries and with the reader's access.
 */

/** Chats carrying every one of these tags; null when no tag is asked for. */
export function withEveryTag(tagIds: readonly string[] | undefined): RawBuilder<unknown> | null {
  if (!tagIds || tagIds.length === 0) return null;
  const each = tagIds.map(
    (id) => sql`EXISTS (SELECT 1 FROM conversation_tags ct
      WHERE ct.conversation_id = c.id AND ct.tag_id = ${id})`,
  );
  return sql`(${sql.join(each, sql` AND `)})`;
}

/** One query word: the title words it may be, and the tags whose names it matched. */
export interface LabelTerm {
  /** The word and its spellings one edit away (folded). */
  readonly alternatives: readonly string[];
  /** The word as typed: title words starting with it match too. */
  readonly prefix: string;
  readonly tagIds: readonly string[];
}

export interface LabelSearch {
  readonly terms: readonly LabelTerm[];
  readonly filters: SearchFilters;
  readonly access: ChatAccess;
  /** The first `limit` chats, newest first. */
  readonly limit: number;
}

function filterConditions(f: SearchFilters, access: ChatAccess): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (f.from !== undefined) where.push(sql`c.created_at >= ${f.from}`);
  if (f.to !== undefined) where.push(sql`c.created_at <= ${f.to}`);
  if (f.siteId !== undefined) where.push(sql`c.site_id = ${f.siteId}`);
  if (f.departmentId !== undefined) where.push(sql`c.department_id = ${f.departmentId}`);
  if (f.agentId !== undefined) where.push(sql`c.assignee_id = ${f.agentId}`);
  if (f.status !== undefined) where.push(sql`c.status = ${f.status}`);
  if (f.rating !== undefined) where.push(sql`c.rating = ${f.rating}`);
  if (f.channel !== undefined) where.push(sql`c.channel = ${f.channel}`);
  if (access) where.push(sql`(${access})`);
  return where;
}

/** Where one term is found: title words (exact spellings or the prefix) and tags. */
function termHits(term: LabelTerm, index: number): RawBuilder<unknown> {
  const n = sql.lit(index);
  // Words hold letters and digits only, so the prefix has no LIKE wildcard in it.
  const title = sql`SELECT conversation_id, ${n} AS term FROM conversation_title_words
    WHERE word IN (${sql.join([...term.alternatives])}) OR word LIKE ${`${term.prefix}%`}`;
  if (term.tagIds.length === 0) return title;
  return sql`${title} UNION ALL SELECT conversation_id, ${n} AS term FROM conversation_tags
    WHERE tag_id IN (${sql.join([...term.tagIds])})`;
}

/**
 * Chats whose title or tags hold every word of the query (each word found in either), newest
 * first, within the filters and the reader's access.
 */
export async function searchLabelledChats(
  db: Kysely<Database>,
  q: LabelSearch,
): Promise<Array<{ id: string; created_at: number }>> {
  if (q.terms.length === 0 || q.limit <= 0) return [];
  const hits = sql.join(
    q.terms.map((t, i) => termHits(t, i)),
    sql` UNION ALL `,
  );
  const where = filterConditions(q.filters, q.access);
  const r = await sql<{ id: string; created_at: number }>`
    SELECT c.id, c.created_at FROM conversations c
    WHERE c.id IN (
      SELECT hit.conversation_id FROM (${hits}) hit
      GROUP BY hit.conversation_id HAVING COUNT(DISTINCT hit.term) = ${q.terms.length})
    ${where.length ? sql`AND ${sql.join(where, sql` AND `)}` : sql``}
    ORDER BY c.created_at DESC, c.id DESC
    LIMIT ${q.limit}`.execute(db);
  return r.rows.map((row) => ({ id: row.id, created_at: Number(row.created_at) }));
}
