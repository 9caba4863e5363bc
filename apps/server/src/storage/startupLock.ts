import { sql, type Kysely } from 'kysely';
import type { Dialect } from './database.js';
import type { Database } from './schema.js';

/**
 * Runs `fn` while no other node of this installation runs its own start-up: nodes started
 * together migrate once and create one first admin and one demo site. On PostgreSQL a
 * transaction-scoped advisory lock (keyed by the schema) is the mutex; `fn` does its work on
 * other connections while the lock's transaction waits. SQLite serves one node only.
 */
export async function withStartupLock<T>(
  db: Kysely<Database>,
  dialect: Dialect,
  fn: () => Promise<T>,
): Promise<T> {
  if (dialect !== 'postgres') return fn();
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('parley.startup:' || current_schema()))`.execute(
      trx,
    );
    return fn();
  });
}
