import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { dialectOf } from './dialectOf.js';

/**
 * Tickets become an inbox: status (open, pending, solved, closed), assignee, department,
 * priority, channel, subject, a reply token (the secret in the Reply-To address that routes a
 * customer's answer back), a thread of messages and the files emails brought. Existing tickets
 * keep their form message as the first message of their thread.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await inboxColumns(db);
  await threads(db);
  await attachments(db);
  await backfill(db);
}

/** What an inbox sorts and filters tickets by, and the token of their Reply-To address. */
async function inboxColumns(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('tickets')
    .addColumn('assignee_id', 'text', (c) => c.references('agents.id'))
    .execute();
  await db.schema
    .alterTable('tickets')
    .addColumn('department_id', 'text', (c) => c.references('departments.id'))
    .execute();
  for (const [column, fallback] of [
    ['priority', 'normal'],
    ['channel', 'web_form'],
  ] as const)
    await db.schema
      .alterTable('tickets')
      .addColumn(column, 'text', (c) => c.notNull().defaultTo(fallback))
      .execute();
  await db.schema.alterTable('tickets').addColumn('subject', 'text').execute();
  await db.schema.alterTable('tickets').addColumn('reply_token', 'text').execute();
  await db.schema
    .alterTable('tickets')
    .addColumn('updated_at', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('tickets_reply_token')
    .unique()
    .on('tickets')
    .column('reply_token')
    .execute();
  await db.schema
    .createIndex('tickets_inbox')
    .on('tickets')
    .columns(['status', 'updated_at'])
    .execute();
}

/** Each ticket's messages, in and out, notes included; received email keeps its original. */
async function threads(db: Kysely<unknown>): Promise<void> {
  const binary = dialectOf(db) === 'postgres' ? 'bytea' : 'blob';
  await db.schema
    .createTable('ticket_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('agents.id'))
    .addColumn('author_name', 'text')
    .addColumn('author_email', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('raw', binary)
    .addColumn('message_id', 'text')
    .addColumn('in_reply_to', 'text')
    .addColumn('auto', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('delivery', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_messages_thread')
    .on('ticket_messages')
    .columns(['ticket_id', 'created_at'])
    .execute();
  // Threading: a reply names a Message-ID Parley sent; and the same email delivered twice
  // (an MTA retrying after a timeout) is stored once, whichever node receives it.
  await db.schema
    .createIndex('ticket_messages_message_id')
    .on('ticket_messages')
    .column('message_id')
    .execute();
  await sql`create unique index ticket_messages_inbound_once on ticket_messages (message_id)
    where direction = 'in' and message_id is not null`.execute(db);
}

async function attachments(db: Kysely<unknown>): Promise<void> {
  // Files an email brought, kept under the chat files' rules (sniffed type, size setting).
  await db.schema
    .createTable('ticket_attachments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ticket_id', 'text', (c) => c.notNull().references('tickets.id'))
    .addColumn('message_id', 'text', (c) => c.notNull().references('ticket_messages.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_attachments_ticket')
    .on('ticket_attachments')
    .column('ticket_id')
    .execute();
}

/** Each existing ticket: a reply token, its form message as the thread's first message. */
async function backfill(db: Kysely<unknown>): Promise<void> {
  const tickets = await sql<{
    id: string;
    name: string;
    email: string;
    message: string;
    created_at: number | string;
  }>`select id, name, email, message, created_at from tickets`.execute(db);
  for (const t of tickets.rows) {
    const createdAt = Number(t.created_at);
    await sql`update tickets set reply_token = ${randomBytes(16).toString('hex')},
      updated_at = ${createdAt} where id = ${t.id}`.execute(db);
    await sql`insert into ticket_messages (id, ticket_id, direction, internal, author_type,
      author_name, author_email, body, auto, created_at)
      values (${`${t.id}-form`}, ${t.id}, 'in', 0, 'customer', ${t.name}, ${t.email}, ${t.message},
      0, ${createdAt})`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('ticket_attachments').ifExists().execute();
  await db.schema.dropTable('ticket_messages').ifExists().execute();
  await db.schema.dropIndex('tickets_inbox').ifExists().execute();
  await db.schema.dropIndex('tickets_reply_token').ifExists().execute();
  for (const column of [
    'updated_at',
    'reply_token',
    'subject',
    'channel',
    'priority',
    'department_id',
    'assignee_id',
  ])
    await db.schema.alterTable('tickets').dropColumn(column).execute();
}
