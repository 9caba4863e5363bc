import type { Kysely } from 'kysely';

// Page views are purged by age (navigationRetentionDays): an index on the time keeps the
// hourly purge from scanning the table.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('page_views_at').on('page_views').column('at').execute();
}
