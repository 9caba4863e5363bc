import { insertOffers, pendingOfferCounts } from '../../storage/offers.js';
import {
  activeChatCounts,
  lockAgentsForOffer,
  markChatOffered,
  stampLastOffered,
} from '../../storage/routing.js';
import { inTransaction } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { getSettings } from '../settings/settings.js';

/**
 * Offers one queued chat to the agents a routing pass chose, in one transaction: the chosen
 * agents' rows are locked (in id order, so two nodes never deadlock; FOR NO KEY UPDATE, so an
 * accept's foreign-key check on the same agent is not blocked), their load is counted
 * again under the lock, and only those still Online with room get the offer. The chat moves
 * queued -> offered by a conditional UPDATE inside the same transaction. Returns the agents
 * offered the chat (none when another node got there first or everyone filled up meanwhile).
 */
export async function offerChat(
  deps: Deps,
  conversationId: string,
  chosen: readonly string[],
  offerTimeoutSeconds: number,
): Promise<string[]> {
  if (chosen.length === 0) return [];
  const { maxChatsPerAgent } = await getSettings(deps);
  const ids = [...new Set(chosen)].sort();
  return inTransaction(deps.store, async (tx) => {
    const agents = await lockAgentsForOffer(tx, ids, deps.dialect);
    const [active, offers] = await Promise.all([
      activeChatCounts(tx, ids),
      pendingOfferCounts(tx, ids),
    ]);
    const load = new Map(active);
    for (const [id, n] of offers) load.set(id, (load.get(id) ?? 0) + n);
    const byId = new Map(agents.map((a) => [a.id, a]));
    const granted = chosen.filter((id) => {
      const a = byId.get(id);
      if (!a || a.status !== 'online' || a.disabled_at !== null) return false;
      return (load.get(id) ?? 0) < (a.max_chats ?? maxChatsPerAgent);
    });
    if (granted.length === 0) return [];

    if (!(await markChatOffered(tx, conversationId))) return [];
    const now = deps.clock.now();
    await insertOffers(tx, {
      conversationId,
      agentIds: granted,
      now,
      expiresAt: now + offerTimeoutSeconds * 1000,
    });
    await stampLastOffered(tx, granted, now);
    return granted;
  });
}
