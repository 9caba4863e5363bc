import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

/**
 * The database as the services see it: a handle they pass to the repository functions in
 * `storage/`, which alone build queries. A transaction is a Store too, so a repository function
 * runs the same inside or outside one.
 */
export type Store = Kysely<Database>;
/** A Store inside a transaction, for repository functions that must run inside one. */
export type Tx = Transaction<Database>;

/** Runs `work` in one transaction: all its writes commit together or none do. */
export function inTransaction<T>(store: Store, work: (tx: Tx) => Promise<T>): Promise<T> {
  return store.transaction().execute(work);
}
