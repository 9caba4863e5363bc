import { sql, type Kysely } from 'kysely';

/**
 * The visitor's own numbering of a conversation. `seq` counts every message, private notes
 * included, so a visitor given seq 1, 2, 4 could tell that a note #3 exists. `public_seq`
 * counts the public messages only (1, 2, 3, ...; null on a note); everything a visitor sees
 * is numbered by it, agents keep `seq`.
 *
 * Existing rows are numbered in one set-based statement per table (a window function over
 * seq, the same SQL on SQLite and PostgreSQL), not row by row. A read mark keeps its `seq`
 * and gains the same place in the visitor's numbering; `last_public_seq`, which held the seq
 * of the last public message, becomes the highest public_seq.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('public_seq', 'integer').execute();
  await sql`UPDATE messages SET public_seq = numbered.n
    FROM (
      SELECT id, ROW_NUMBER() OVER (PARTITION BY conversation_id ORDER BY seq) AS n
      FROM messages WHERE visibility = 'public'
    ) AS numbered
    WHERE messages.id = numbered.id`.execute(db);
  // Visitor sync reads "after public_seq n"; unique, so two public messages never share one.
  await sql`CREATE UNIQUE INDEX messages_conversation_public_seq
    ON messages (conversation_id, public_seq) WHERE public_seq IS NOT NULL`.execute(db);

  await sql`UPDATE conversations SET last_public_seq = COALESCE(
      (SELECT MAX(m.public_seq) FROM messages m WHERE m.conversation_id = conversations.id), 0)`.execute(
    db,
  );

  await db.schema
    .alterTable('read_marks')
    .addColumn('public_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`UPDATE read_marks SET public_seq = COALESCE(
      (SELECT MAX(m.public_seq) FROM messages m
        WHERE m.conversation_id = read_marks.conversation_id AND m.seq <= read_marks.seq), 0)`.execute(
    db,
  );
}
