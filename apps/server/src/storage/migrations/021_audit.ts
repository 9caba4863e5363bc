import type { Kysely } from 'kysely';

/**
 * The audit log: one generic row per recorded action (who, when, what, on which target, and
 * the details as JSON), read by time and by target, so later features record their own actions
 * without a migration of their own. `file_removals` queues the file store keys of rows an
 * erasure deleted, in the erasure's transaction: the bytes go after the commit, and a crash in
 * between leaves the queue to finish the job instead of orphaned files nobody knows of.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    // No foreign key: the entry outlives the agent it names, and keeps their name as it was.
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .createIndex('audit_entries_at')
    .on('audit_entries')
    .columns(['at', 'id'])
    .execute();
  await db.schema
    .createIndex('audit_entries_target')
    .on('audit_entries')
    .columns(['target_type', 'target_id', 'at'])
    .execute();
  await db.schema
    .createTable('file_removals')
    .addColumn('storage_key', 'text', (c) => c.primaryKey())
    .addColumn('queued_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('file_removals').execute();
  await db.schema.dropTable('audit_entries').execute();
}
