import type { Store } from './store.js';

/** Solved and closed tickets whose last change is at or before `cutoff`, oldest first. */
export async function expiredTicketIds(
  db: Store,
  cutoff: number,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('tickets')
    .select('id')
    .where('status', 'in', ['solved', 'closed'])
    .where('updated_at', '<=', cutoff)
    .orderBy('updated_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Deletes these tickets with their messages and file rows (run it in a transaction); returns
 * the file store keys of their files, for the caller to remove once the rows are gone.
 */
export async function deleteTickets(db: Store, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const files = await db
    .selectFrom('ticket_attachments')
    .select('storage_key')
    .where('ticket_id', 'in', [...ids])
    .execute();
  await db
    .deleteFrom('ticket_attachments')
    .where('ticket_id', 'in', [...ids])
    .execute();
  await db
    .deleteFrom('ticket_messages')
    .where('ticket_id', 'in', [...ids])
    .execute();
  await db
    .deleteFrom('tickets')
    .where('id', 'in', [...ids])
    .execute();
  return files.map((f) => f.storage_key);
}
