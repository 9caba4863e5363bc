import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialectOf.js';

/**
 * Ticket subjects in search (storage/searchTickets.ts), kept by the database in the
 * transaction that writes the ticket, as messages and visitors are (migration 013).
 *
 * SQLite: an FTS5 table with the same tokenizer, filled by triggers on insert, on a change of
 * subject and on delete (existing tickets indexed here). PostgreSQL: a GIN expression index
 * under the `parley_search` configuration, which PostgreSQL maintains with the row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`CREATE INDEX tickets_search ON tickets
      USING gin (to_tsvector('parley_search'::regconfig, coalesce(subject, '')))`.execute(db);
    return;
  }
  await sql`CREATE VIRTUAL TABLE ticket_search USING fts5(subject, ticket_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  await sql`CREATE TRIGGER ticket_search_insert AFTER INSERT ON tickets WHEN new.subject IS NOT NULL
    BEGIN INSERT INTO ticket_search (subject, ticket_id) VALUES (new.subject, new.id); END`.execute(
    db,
  );
  await sql`CREATE TRIGGER ticket_search_update AFTER UPDATE OF subject ON tickets
    WHEN old.subject IS NOT new.subject
    BEGIN
      DELETE FROM ticket_search WHERE ticket_id = old.id;
      INSERT INTO ticket_search (subject, ticket_id) SELECT new.subject, new.id
        WHERE new.subject IS NOT NULL;
    END`.execute(db);
  await sql`CREATE TRIGGER ticket_search_delete AFTER DELETE ON tickets
    BEGIN DELETE FROM ticket_search WHERE ticket_id = old.id; END`.execute(db);
  await sql`INSERT INTO ticket_search (subject, ticket_id)
    SELECT subject, id FROM tickets WHERE subject IS NOT NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql`DROP INDEX IF EXISTS tickets_search`.execute(db);
    return;
  }
  for (const t of ['ticket_search_insert', 'ticket_search_update', 'ticket_search_delete'])
    await sql.raw(`DROP TRIGGER IF EXISTS ${t}`).execute(db);
  await sql`DROP TABLE IF EXISTS ticket_search`.execute(db);
}
