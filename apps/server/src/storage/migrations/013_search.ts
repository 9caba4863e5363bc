import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialectOf.js';

/**
 * Full-text search of messages and visitors, kept by the database itself in the transaction
 * that writes the row, so an entry can be neither lost nor stale after a crash.
 *
 * SQLite: FTS5 tables with the unicode61 tokenizer folding case and accents, filled by
 * triggers (existing rows indexed here). Each keeps its own copy of the text and the row's id:
 * SQLite's implicit rowids may be renumbered by VACUUM, ids never are.
 *
 * PostgreSQL: a text search configuration `parley_search` (simple + unaccent) and expression
 * GIN indexes, which PostgreSQL maintains with the row and builds here for existing data.
 * System messages ("The chat has ended") are not indexed on either. An index on closed chats
 * by closing time serves the Archive.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) === 'sqlite') await sqlite(db);
  else await postgres(db);
  // The Archive: closed chats, most recently closed first.
  await db.schema
    .createIndex('conversations_closed')
    .on('conversations')
    .columns(['status', 'closed_at'])
    .execute();
}

async function sqlite(db: Kysely<unknown>): Promise<void> {
  // No prefix indexes: they double the cost of every insert, and only the word being typed is
  // a prefix, which a scan of its range of terms answers quickly enough.
  const tokenizer = `tokenize = 'unicode61 remove_diacritics 2'`;
  await sql
    .raw(`CREATE VIRTUAL TABLE message_search USING fts5(body, message_id UNINDEXED, ${tokenizer})`)
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER message_search_insert AFTER INSERT ON messages WHEN new.author_type <> 'system'
       BEGIN INSERT INTO message_search (body, message_id) VALUES (new.body, new.id); END`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO message_search (body, message_id)
       SELECT body, id FROM messages WHERE author_type <> 'system' ORDER BY created_at, seq`,
    )
    .execute(db);

  await sql
    .raw(`CREATE VIRTUAL TABLE visitor_search USING fts5(text, visitor_id UNINDEXED, ${tokenizer})`)
    .execute(db);
  const text = `coalesce(new.name, '') || ' ' || coalesce(new.email, '') || ' ' || new.code`;
  await sql
    .raw(
      `CREATE TRIGGER visitor_search_insert AFTER INSERT ON visitors
       BEGIN INSERT INTO visitor_search (text, visitor_id) VALUES (${text}, new.id); END`,
    )
    .execute(db);
  // Names and emails change (identify, prechat); the old entry goes, the new one comes.
  await sql
    .raw(
      `CREATE TRIGGER visitor_search_update AFTER UPDATE OF name, email ON visitors
       WHEN coalesce(old.name, '') IS NOT coalesce(new.name, '') OR coalesce(old.email, '') IS NOT coalesce(new.email, '')
       BEGIN
         DELETE FROM visitor_search WHERE visitor_id = new.id;
         INSERT INTO visitor_search (text, visitor_id) VALUES (${text}, new.id);
       END`,
    )
    .execute(db);
  await sql
    .raw(
      `INSERT INTO visitor_search (text, visitor_id)
       SELECT coalesce(name, '') || ' ' || coalesce(email, '') || ' ' || code, id FROM visitors`,
    )
    .execute(db);
}

async function postgres(db: Kysely<unknown>): Promise<void> {
  // unaccent is a trusted extension (PostgreSQL 13+): a database owner may create it. It goes
  // to public when there is one, shared by every schema of the database (one Parley per
  // schema must not drop another's with its own). Two migrations racing on a fresh database
  // may both try; the loser finds it there.
  const publicSchema = await sql`SELECT 1 FROM pg_namespace WHERE nspname = 'public'`.execute(db);
  try {
    await (
      publicSchema.rows.length
        ? sql`CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public`
        : sql`CREATE EXTENSION IF NOT EXISTS unaccent`
    ).execute(db);
  } catch (err) {
    if (!['23505', '42710'].includes((err as { code?: string }).code ?? '')) throw err;
  }
  const found = await sql<{ schema: string }>`
    SELECT extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname = 'unaccent'`.execute(
    db,
  );
  const extension = sql.id(found.rows[0]!.schema);
  await sql`CREATE TEXT SEARCH CONFIGURATION parley_search (COPY = pg_catalog.simple)`.execute(db);
  await sql`ALTER TEXT SEARCH CONFIGURATION parley_search
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart
    WITH ${extension}.unaccent, simple`.execute(db);
  await sql`CREATE INDEX messages_search ON messages
    USING gin (to_tsvector('parley_search'::regconfig, body)) WHERE author_type <> 'system'`.execute(
    db,
  );
  await sql`CREATE INDEX visitors_search ON visitors USING gin (to_tsvector('parley_search'::regconfig,
    coalesce(name, '') || ' ' || translate(coalesce(email, ''), '@.+_-', '     ') || ' ' || code))`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('conversations_closed').ifExists().execute();
  if (dialectOf(db) === 'sqlite') {
    for (const t of ['message_search', 'visitor_search'])
      await sql.raw(`DROP TABLE IF EXISTS ${t}`).execute(db);
    return;
  }
  await sql`DROP INDEX IF EXISTS messages_search`.execute(db);
  await sql`DROP INDEX IF EXISTS visitors_search`.execute(db);
  await sql`DROP TEXT SEARCH CONFIGURATION IF EXISTS parley_search`.execute(db);
}
