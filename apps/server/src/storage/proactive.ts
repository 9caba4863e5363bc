import type { ProactiveInvitationRow } from './schema.js';
import type { Store } from './store.js';

/** Stores a new invitation; a second pending one for the visitor fails the unique index. */
export async function insertProactiveInvitation(
  db: Store,
  row: ProactiveInvitationRow,
): Promise<void> {
  await db.insertInto('proactive_invitations').values(row).execute();
}

/** The visitor's pending invitation, if any. */
export function pendingInvitationOf(
  db: Store,
  visitorId: string,
): Promise<ProactiveInvitationRow | undefined> {
  return db
    .selectFrom('proactive_invitations')
    .selectAll()
    .where('visitor_id', '=', visitorId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

/** The pending invitations of these visitors. */
export function pendingInvitationsOf(
  db: Store,
  visitorIds: readonly string[],
): Promise<Array<Pick<ProactiveInvitationRow, 'id' | 'visitor_id' | 'agent_id'>>> {
  return db
    .selectFrom('proactive_invitations')
    .select(['id', 'visitor_id', 'agent_id'])
    .where('visitor_id', 'in', visitorIds)
    .where('status', '=', 'pending')
    .execute();
}

/** Ends the invitation if it is still pending; false when it was answered meanwhile. */
export async function endPendingInvitation(
  db: Store,
  id: string,
  status: 'declined' | 'cancelled',
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('proactive_invitations')
    .set({ status, answered_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
