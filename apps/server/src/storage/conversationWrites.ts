import type { AccessScope } from '../domain/access.js';
import { conversationVisible } from './access.js';
import type { ConversationRow } from './schema.js';
import type { Store } from './store.js';

/** What deciding who may act on a chat needs: its place, owner, state and last numbers. */
export type ConversationState = Pick<
  ConversationRow,
  | 'id'
  | 'site_id'
  | 'department_id'
  | 'visitor_id'
  | 'assignee_id'
  | 'status'
  | 'last_seq'
  | 'last_public_seq'
>;

export function findConversationState(
  db: Store,
  id: string,
): Promise<ConversationState | undefined> {
  return db
    .selectFrom('conversations')
    .select([
      'id',
      'site_id',
      'department_id',
      'visitor_id',
      'assignee_id',
      'status',
      'last_seq',
      'last_public_seq',
    ])
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Gives a waiting, unowned chat to an agent in one conditional UPDATE, so of two agents at once
 * one wins. With `scope`, only a chat of those sites and departments. True when it was taken.
 */
export async function takeWaitingChat(
  db: Store,
  c: { conversationId: string; agentId: string; now: number; scope?: AccessScope },
): Promise<boolean> {
  let q = db
    .updateTable('conversations')
    .set({ status: 'active', assignee_id: c.agentId, accepted_at: c.now })
    .where('id', '=', c.conversationId)
    .where('assignee_id', 'is', null)
    .where('status', 'in', ['queued', 'offered']);
  if (c.scope) q = q.where(conversationVisible(c.scope, 'conversations'));
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Moves a chat from its owner to another agent, conditional on the owner (two moves cannot
 * cross); `activeOnly` also requires it to be active. True when it moved.
 */
export async function moveChat(
  db: Store,
  m: { conversationId: string; fromId: string; toId: string; activeOnly: boolean },
): Promise<boolean> {
  let q = db
    .updateTable('conversations')
    .set({ assignee_id: m.toId })
    .where('id', '=', m.conversationId)
    .where('assignee_id', '=', m.fromId);
  if (m.activeOnly) q = q.where('status', '=', 'active');
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Closes a chat unless it is closed already; true when this call closed it. */
export async function closeChat(
  db: Store,
  conversationId: string,
  closedBy: NonNullable<ConversationRow['closed_by']>,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('conversations')
    .set({ status: 'closed', closed_at: now, closed_by: closedBy })
    .where('id', '=', conversationId)
    .where('status', '!=', 'closed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Stores the visitor's rating (replacing an earlier one). */
export async function rateChat(
  db: Store,
  conversationId: string,
  r: { rating: NonNullable<ConversationRow['rating']>; comment: string | null; at: number },
): Promise<void> {
  await db
    .updateTable('conversations')
    .set({ rating: r.rating, rating_comment: r.comment, rated_at: r.at })
    .where('id', '=', conversationId)
    .execute();
}

/** Answers offers of the chat: the caller says which (still pending ones, always). */
function answerOffersOf(
  db: Store,
  conversationId: string,
  status: 'accepted' | 'withdrawn',
  now: number,
) {
  return db
    .updateTable('offers')
    .set({ status, answered_at: now })
    .where('conversation_id', '=', conversationId);
}

/** Marks the agent's pending offer of the chat accepted; false when they had none. */
export async function acceptPendingOffer(
  db: Store,
  conversationId: string,
  agentId: string,
  now: number,
): Promise<boolean> {
  const result = await answerOffersOf(db, conversationId, 'accepted', now)
    .where('agent_id', '=', agentId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Withdraws every offer of the chat still pending. */
export async function withdrawPendingOffers(
  db: Store,
  conversationId: string,
  now: number,
): Promise<void> {
  await answerOffersOf(db, conversationId, 'withdrawn', now)
    .where('status', '=', 'pending')
    .execute();
}
