import type { CannedResponseRow } from './schema.js';
import type { Store } from './store.js';

/** Every canned response, by title; the caller keeps what the reader may use. */
export function allCannedResponses(db: Store): Promise<CannedResponseRow[]> {
  return db.selectFrom('canned_responses').selectAll().orderBy('title').execute();
}

export function findCannedResponse(db: Store, id: string): Promise<CannedResponseRow | undefined> {
  return db.selectFrom('canned_responses').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertCannedResponse(db: Store, row: CannedResponseRow): Promise<void> {
  await db.insertInto('canned_responses').values(row).execute();
}

export async function updateCannedResponse(
  db: Store,
  id: string,
  values: Omit<CannedResponseRow, 'id' | 'created_at'>,
): Promise<void> {
  await db.updateTable('canned_responses').set(values).where('id', '=', id).execute();
}

export async function removeCannedResponse(db: Store, id: string): Promise<void> {
  await db.deleteFrom('canned_responses').where('id', '=', id).execute();
}
