import { sql, type Kysely } from 'kysely';

// One set of migrations for both dialects: only types both understand (text, integer, bigint).
export async function up(db: Kysely<unknown>): Promise<void> {
  await accountsSitesAndVisitors(db);
  await conversationsAndMessages(db);
  await settings(db);
}

async function accountsSitesAndVisitors(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('offline'))
    .addColumn('avatar_url', 'text')
    .addColumn('max_chats', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('disabled_at', 'bigint')
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_agent').on('sessions').column('agent_id').execute();

  await db.schema
    .createTable('sites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('allowed_origins', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('chat_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('greeting', 'text', (c) => c.notNull())
    .addColumn('accent_color', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('visitors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('contact_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visitors_site').on('visitors').column('site_id').execute();
}

async function conversationsAndMessages(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conversations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id'))
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('web'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text', (c) => c.references('agents.id'))
    .addColumn('department_id', 'text')
    .addColumn('subject', 'text')
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_public_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_message_body', 'text')
    .addColumn('last_message_author', 'text')
    .addColumn('last_message_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('queued_at', 'bigint', (c) => c.notNull())
    .addColumn('accepted_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('closed_by', 'text')
    .execute();
  // At most one open conversation per visitor and site, enforced by the database.
  await sql`create unique index conversations_one_open on conversations (site_id, visitor_id) where status <> 'closed'`.execute(
    db,
  );
  await db.schema
    .createIndex('conversations_status_queued')
    .on('conversations')
    .columns(['status', 'queued_at'])
    .execute();
  await db.schema
    .createIndex('conversations_assignee')
    .on('conversations')
    .columns(['assignee_id', 'status'])
    .execute();
  await db.schema
    .createIndex('conversations_visitor')
    .on('conversations')
    .columns(['visitor_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('client_id', 'text')
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text')
    .addColumn('author_name', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('public'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('messages_conversation_seq', ['conversation_id', 'seq'])
    .addUniqueConstraint('messages_conversation_client', ['conversation_id', 'client_id'])
    .execute();
}

async function settings(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'settings',
    'messages',
    'conversations',
    'visitors',
    'sites',
    'sessions',
    'agents',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
