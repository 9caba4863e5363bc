import { sql, type Kysely } from 'kysely';

/**
 * Drops the unique index on (conversation_id, public_seq) that migration 012 added. Every
 * message paid for it (about 20 µs of a SQLite send here, a fifth of the cost of storing a
 * message), and nothing needs it: the message writer numbers a conversation's messages under
 * its lock (the one writer on SQLite, FOR UPDATE on PostgreSQL), which is what keeps two
 * public messages from sharing a number, and the visitor's replay reads one conversation's
 * messages through the (conversation_id, seq) index, whose order public_seq follows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS messages_conversation_public_seq`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE UNIQUE INDEX messages_conversation_public_seq
    ON messages (conversation_id, public_seq) WHERE public_seq IS NOT NULL`.execute(db);
}
