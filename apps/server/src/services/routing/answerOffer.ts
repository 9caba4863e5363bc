import { AppError } from '../../errors.js';
import type { AgentRow, OfferStatus } from '../../storage/schema.js';
import type { Deps } from '../deps.js';
import { publishConversationChanged } from '../conversations/conversationSnapshots.js';

/**
 * Ends pending offers (rejected by the agent, timed out, or withdrawn because the agent left)
 * and puts each chat whose last pending offer ended back in the queue at its old place
 * (queued_at is unchanged, so FIFO order holds). Returns the chats that went back.
 */
export async function endOffers(
  deps: Deps,
  offers: Array<{ id: string; conversation_id: string }>,
  status: Extract<OfferStatus, 'rejected' | 'timed_out' | 'withdrawn'>,
): Promise<string[]> {
  const now = deps.clock.now();
  const requeued: string[] = [];
  for (const offer of offers) {
    const ended = await deps.store
      .updateTable('offers')
      .set({ status, answered_at: now })
      .where('id', '=', offer.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(ended.numUpdatedRows) === 0) continue;
    const stillPending = await deps.store
      .selectFrom('offers')
      .select('id')
      .where('conversation_id', '=', offer.conversation_id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (stillPending) {
      await publishConversationChanged(deps, offer.conversation_id, {
        status: 'offered',
        assigneeId: null,
      });
      continue;
    }
    const back = await deps.store
      .updateTable('conversations')
      .set({ status: 'queued' })
      .where('id', '=', offer.conversation_id)
      .where('status', '=', 'offered')
      .executeTakeFirst();
    if (Number(back.numUpdatedRows) === 1) requeued.push(offer.conversation_id);
    await publishConversationChanged(deps, offer.conversation_id, {
      status: 'offered',
      assigneeId: null,
    });
  }
  return requeued;
}

/** The agent turns down a chat offered to them; it goes back to its place and to someone else. */
export async function rejectOffer(
  deps: Deps,
  agent: AgentRow,
  conversationId: string,
): Promise<void> {
  const pending = await deps.store
    .selectFrom('offers')
    .select(['id', 'conversation_id'])
    .where('conversation_id', '=', conversationId)
    .where('agent_id', '=', agent.id)
    .where('status', '=', 'pending')
    .execute();
  if (pending.length === 0) throw new AppError('NOT_FOUND', 'This chat is not offered to you.');
  await endOffers(deps, pending, 'rejected');
}

/** Offers nobody answered in time. */
export async function expireOffers(deps: Deps): Promise<number> {
  const due = await deps.store
    .selectFrom('offers')
    .select(['id', 'conversation_id'])
    .where('status', '=', 'pending')
    .where('expires_at', '<=', deps.clock.now())
    .orderBy('expires_at')
    .limit(500)
    .execute();
  await endOffers(deps, due, 'timed_out');
  return due.length;
}

/** An agent who is no longer available keeps nothing offered to them. */
export async function withdrawOffersOf(deps: Deps, agentIds: string[]): Promise<void> {
  if (agentIds.length === 0) return;
  const pending = await deps.store
    .selectFrom('offers')
    .select(['id', 'conversation_id'])
    .where('agent_id', 'in', agentIds)
    .where('status', '=', 'pending')
    .execute();
  await endOffers(deps, pending, 'withdrawn');
}
