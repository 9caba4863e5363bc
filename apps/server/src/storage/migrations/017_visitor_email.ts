import type { Kysely } from 'kysely';

/**
 * The returning customer: visitors of a site linked by a signed email are found by that
 * email (storage/earlier.ts), once per "Earlier conversations" read.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('visitors_site_email')
    .on('visitors')
    .columns(['site_id', 'email'])
    .execute();
}
