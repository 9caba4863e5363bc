import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialectOf.js';

/**
 * The words messages hold, one row each, so a search looks up a typo's one-edit spellings in
 * one small index and hands the full-text index only those that exist. Before, the hundreds of
 * spellings of a five-letter word went to FTS5 as lookups in every segment, and made
 * PostgreSQL's planner expect a third of the table and scan it (seconds at a million messages).
 *
 * SQLite: the indexer (storage/searchIndexer.ts) adds the words of the messages it indexes, in
 * the same transaction. PostgreSQL: a statement trigger adds the lexemes of each insert's new
 * messages, sorted, so two transactions take the rows' locks in the same order.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql`CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID`.execute(db);
    await sql`CREATE VIRTUAL TABLE temp.message_search_vocabulary
      USING fts5vocab(main, 'message_search', 'row')`.execute(db);
    await sql`INSERT OR IGNORE INTO search_terms (term)
      SELECT term FROM temp.message_search_vocabulary`.execute(db);
    await sql`DROP TABLE temp.message_search_vocabulary`.execute(db);
    // Messages still queued get their words when the indexer takes them.
    return;
  }
  await sql`CREATE TABLE search_terms (term text PRIMARY KEY)`.execute(db);
  await sql`CREATE FUNCTION parley_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO search_terms (term)
        SELECT DISTINCT t FROM added m,
          unnest(tsvector_to_array(to_tsvector('parley_search'::regconfig, m.body))) AS t
        WHERE m.author_type <> 'system'
        ORDER BY t
        ON CONFLICT DO NOTHING;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER messages_search_terms AFTER INSERT ON messages
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION parley_search_terms()`.execute(
    db,
  );
  await sql`INSERT INTO search_terms (term)
    SELECT word FROM ts_stat($q$SELECT to_tsvector('parley_search'::regconfig, body)
      FROM messages WHERE author_type <> 'system'$q$)
    ON CONFLICT DO NOTHING`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`DROP TRIGGER IF EXISTS messages_search_terms ON messages`.execute(db);
    await sql`DROP FUNCTION IF EXISTS parley_search_terms()`.execute(db);
  }
  await sql`DROP TABLE IF EXISTS search_terms`.execute(db);
}
