import { AppError } from '../../errors.js';
import {
  chatHasPendingOffer,
  endPendingOffer,
  expiredPendingOffers,
  pendingOffersOfChatTo,
  pendingOffersTo,
  requeueOfferedChat,
  type PendingOffer,
} from '../../storage/offers.js';
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
  offers: PendingOffer[],
  status: Extract<OfferStatus, 'rejected' | 'timed_out' | 'withdrawn'>,
): Promise<string[]> {
  const now = deps.clock.now();
  const requeued: string[] = [];
  for (const offer of offers) {
    if (!(await endPendingOffer(deps.store, offer.id, status, now))) continue;
    if (await chatHasPendingOffer(deps.store, offer.conversation_id)) {
      await publishConversationChanged(deps, offer.conversation_id, {
        status: 'offered',
        assigneeId: null,
      });
      continue;
    }
    if (await requeueOfferedChat(deps.store, offer.conversation_id))
      requeued.push(offer.conversation_id);
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
  const pending = await pendingOffersOfChatTo(deps.store, conversationId, agent.id);
  if (pending.length === 0) throw new AppError('NOT_FOUND', 'This chat is not offered to you.');
  await endOffers(deps, pending, 'rejected');
}

/** Offers nobody answered in time. */
export async function expireOffers(deps: Deps): Promise<number> {
  const due = await expiredPendingOffers(deps.store, deps.clock.now(), 500);
  await endOffers(deps, due, 'timed_out');
  return due.length;
}

/** An agent who is no longer available keeps nothing offered to them. */
export async function withdrawOffersOf(deps: Deps, agentIds: string[]): Promise<void> {
  if (agentIds.length === 0) return;
  const pending = await pendingOffersTo(deps.store, agentIds);
  await endOffers(deps, pending, 'withdrawn');
}
