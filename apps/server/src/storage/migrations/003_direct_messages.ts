import type { Kysely } from 'kysely';

// Agents chatting with each other, outside any visitor conversation. A thread is the sorted
// pair of agent ids; seq orders it like a conversation's messages.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('direct_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('sender_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('recipient_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('direct_messages_thread_seq', ['thread', 'seq'])
    .addUniqueConstraint('direct_messages_thread_client', ['thread', 'client_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('direct_messages').execute();
}
