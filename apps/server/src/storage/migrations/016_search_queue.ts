import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialectOf.js';

/**
 * SQLite: a message no longer enters the FTS5 index in its own transaction. FTS5 writes a new
 * segment and merges older ones at every commit, which cost more than the rest of a message's
 * storage when each transaction holds one or a few messages. The trigger now writes only the
 * message's id to `search_pending`, durably and in the message's transaction; the indexer
 * (storage/searchIndexer.ts) moves pending messages into FTS5 in batches, and searches match
 * the pending ones directly (storage/searchPending.ts), so no entry is lost or stale after a
 * crash. PostgreSQL keeps its GIN expression index, which it maintains with the row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await sql`DROP TRIGGER IF EXISTS message_search_insert`.execute(db);
  await sql`CREATE TABLE search_pending (message_id TEXT NOT NULL)`.execute(db);
  await sql
    .raw(
      `CREATE TRIGGER message_search_pending AFTER INSERT ON messages WHEN new.author_type <> 'system'
       BEGIN INSERT INTO search_pending (message_id) VALUES (new.id); END`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'sqlite') return;
  await sql`DROP TRIGGER IF EXISTS message_search_pending`.execute(db);
  await sql`INSERT INTO message_search (body, message_id)
    SELECT m.body, m.id FROM search_pending p JOIN messages m ON m.id = p.message_id
    ORDER BY p.rowid`.execute(db);
  await sql`DROP TABLE search_pending`.execute(db);
  await sql
    .raw(
      `CREATE TRIGGER message_search_insert AFTER INSERT ON messages WHEN new.author_type <> 'system'
       BEGIN INSERT INTO message_search (body, message_id) VALUES (new.body, new.id); END`,
    )
    .execute(db);
}
