import type { Kysely } from 'kysely';

// Sites an admin adds and removes: the greeting and the offline text per widget language
// (JSON objects language -> text), the launcher's corner, and when the site was removed (its
// history stays; its widget stops loading).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sites')
    .addColumn('greetings', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .alterTable('sites')
    .addColumn('offline_message', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .alterTable('sites')
    .addColumn('widget_position', 'text', (c) => c.notNull().defaultTo('right'))
    .execute();
  await db.schema.alterTable('sites').addColumn('deleted_at', 'bigint').execute();
}
