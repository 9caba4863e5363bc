import type { InvitationRow } from './schema.js';
import type { Store } from './store.js';

export interface InvitationView extends InvitationRow {
  inviter_name: string;
  invitee_name: string;
}

export async function findInvitationView(
  db: Store,
  id: string,
): Promise<InvitationView | undefined> {
  return db
    .selectFrom('invitations as i')
    .innerJoin('agents as a', 'a.id', 'i.inviter_id')
    .innerJoin('agents as b', 'b.id', 'i.invitee_id')
    .selectAll('i')
    .select(['a.name as inviter_name', 'b.name as invitee_name'])
    .where('i.id', '=', id)
    .executeTakeFirst();
}

/** A new pending invitation; throws when the chat has one pending already (unique index). */
export async function insertInvitation(db: Store, row: InvitationRow): Promise<void> {
  await db.insertInto('invitations').values(row).execute();
}

/** Ids of the chat's pending invitations (at most one, by the partial unique index). */
export async function pendingInvitationIds(db: Store, conversationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('invitations')
    .select('id')
    .where('conversation_id', '=', conversationId)
    .where('status', '=', 'pending')
    .execute();
  return rows.map((r) => r.id);
}

/** Answers an invitation if it is still pending; false when it was answered already. */
export async function answerPendingInvitation(
  db: Store,
  id: string,
  status: Exclude<InvitationRow['status'], 'pending'>,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ status, answered_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Cancels whatever invitation of the chat is still pending (it ended). */
export async function cancelPendingInvitations(
  db: Store,
  conversationId: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('invitations')
    .set({ status: 'cancelled', answered_at: now })
    .where('conversation_id', '=', conversationId)
    .where('status', '=', 'pending')
    .execute();
}
