import { newId } from '../ids.js';
import type { OfferRow, OfferStatus } from './schema.js';
import type { Store } from './store.js';

/** A pending offer: which chat it asks whom to take. */
export interface PendingOffer {
  id: string;
  conversation_id: string;
}

/** Ends the offer if it is still pending; false when it was answered meanwhile. */
export async function endPendingOffer(
  db: Store,
  offerId: string,
  status: OfferStatus,
  now: number,
): Promise<boolean> {
  const ended = await db
    .updateTable('offers')
    .set({ status, answered_at: now })
    .where('id', '=', offerId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(ended.numUpdatedRows) > 0;
}

/** Whether anyone still has an offer of the chat waiting. */
export async function chatHasPendingOffer(db: Store, conversationId: string): Promise<boolean> {
  const row = await db
    .selectFrom('offers')
    .select('id')
    .where('conversation_id', '=', conversationId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row !== undefined;
}

/** An offered chat goes back to the queue at its old place; false when it was no longer offered. */
export async function requeueOfferedChat(db: Store, conversationId: string): Promise<boolean> {
  const back = await db
    .updateTable('conversations')
    .set({ status: 'queued' })
    .where('id', '=', conversationId)
    .where('status', '=', 'offered')
    .executeTakeFirst();
  return Number(back.numUpdatedRows) === 1;
}

/** The agent's pending offers of one chat. */
export function pendingOffersOfChatTo(
  db: Store,
  conversationId: string,
  agentId: string,
): Promise<PendingOffer[]> {
  return db
    .selectFrom('offers')
    .select(['id', 'conversation_id'])
    .where('conversation_id', '=', conversationId)
    .where('agent_id', '=', agentId)
    .where('status', '=', 'pending')
    .execute();
}

/** Pending offers whose time ran out by `now`, oldest first, at most `limit`. */
export function expiredPendingOffers(
  db: Store,
  now: number,
  limit: number,
): Promise<PendingOffer[]> {
  return db
    .selectFrom('offers')
    .select(['id', 'conversation_id'])
    .where('status', '=', 'pending')
    .where('expires_at', '<=', now)
    .orderBy('expires_at')
    .limit(limit)
    .execute();
}

/** Every offer waiting on one of these agents. */
export function pendingOffersTo(db: Store, agentIds: readonly string[]): Promise<PendingOffer[]> {
  return db
    .selectFrom('offers')
    .select(['id', 'conversation_id'])
    .where('agent_id', 'in', agentIds)
    .where('status', '=', 'pending')
    .execute();
}

/** The agent's pending offers with the site and department of each chat. */
export function pendingOffersWithPlace(
  db: Store,
  agentId: string,
): Promise<Array<PendingOffer & { site_id: string; department_id: string | null }>> {
  return db
    .selectFrom('offers as o')
    .innerJoin('conversations as c', 'c.id', 'o.conversation_id')
    .select(['o.id', 'o.conversation_id', 'c.site_id', 'c.department_id'])
    .where('o.agent_id', '=', agentId)
    .where('o.status', '=', 'pending')
    .execute();
}

/** Per chat, the agents who rejected it or let the offer time out. */
export async function declinedBy(
  db: Store,
  conversationIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const rows = await db
    .selectFrom('offers')
    .select(['conversation_id', 'agent_id'])
    .where('conversation_id', 'in', conversationIds)
    .where('status', 'in', ['rejected', 'timed_out'])
    .execute();
  const map = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = map.get(r.conversation_id) ?? new Set<string>();
    set.add(r.agent_id);
    map.set(r.conversation_id, set);
  }
  return map;
}

/** Pending offers per agent; with `agentIds`, of those agents only. */
export async function pendingOfferCounts(
  db: Store,
  agentIds?: readonly string[],
): Promise<Map<string, number>> {
  let q = db
    .selectFrom('offers')
    .select(['agent_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'pending');
  if (agentIds) q = q.where('agent_id', 'in', agentIds);
  const rows = await q.groupBy('agent_id').execute();
  return new Map(rows.map((r) => [r.agent_id, Number(r.n)]));
}

/** New pending offers of one chat to these agents, each expiring at `expiresAt`. */
export async function insertOffers(
  db: Store,
  offers: { conversationId: string; agentIds: readonly string[]; now: number; expiresAt: number },
): Promise<void> {
  await db
    .insertInto('offers')
    .values(
      offers.agentIds.map((agentId) => ({
        id: newId(offers.now),
        conversation_id: offers.conversationId,
        agent_id: agentId,
        status: 'pending' as const,
        offered_at: offers.now,
        expires_at: offers.expiresAt,
        answered_at: null,
      })),
    )
    .execute();
}

/** Every offer of a chat, whatever its status: the routing log. */
export function offersOfChat(db: Store, conversationId: string): Promise<OfferRow[]> {
  return db
    .selectFrom('offers')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .execute();
}
