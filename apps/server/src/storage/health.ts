import { sql } from 'kysely';
import type { Store } from './store.js';

/** The cheapest round trip to the database: resolves when it answers. */
export async function pingDatabase(db: Store): Promise<void> {
  await sql`select 1`.execute(db);
}
