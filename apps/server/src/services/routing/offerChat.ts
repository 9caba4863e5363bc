import { newId } from '../../ids.js';
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
  return deps.store.transaction().execute(async (trx) => {
    let locking = trx
      .selectFrom('agents')
      .select(['id', 'status', 'max_chats', 'disabled_at'])
      .where('id', 'in', ids)
      .orderBy('id');
    // NO KEY UPDATE, not UPDATE: it still excludes another pass (and UPDATEs of the row), but
    // not the KEY SHARE lock a foreign-key check takes. An accept (`UPDATE conversations SET
    // assignee_id`) holds the chat's row and checks the agent's; with FOR UPDATE here it
    // waited on us while we waited on the chat's row below: a deadlock, seen as INTERNAL.
    if (deps.dialect === 'postgres') locking = locking.forNoKeyUpdate();
    const agents = await locking.execute();
    const [active, offers] = await Promise.all([
      trx
        .selectFrom('conversations')
        .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('status', '=', 'active')
        .where('assignee_id', 'in', ids)
        .groupBy('assignee_id')
        .execute(),
      trx
        .selectFrom('offers')
        .select(['agent_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('status', '=', 'pending')
        .where('agent_id', 'in', ids)
        .groupBy('agent_id')
        .execute(),
    ]);
    const load = new Map<string, number>();
    for (const r of active) load.set(r.assignee_id!, Number(r.n));
    for (const r of offers) load.set(r.agent_id, (load.get(r.agent_id) ?? 0) + Number(r.n));
    const byId = new Map(agents.map((a) => [a.id, a]));
    const granted = chosen.filter((id) => {
      const a = byId.get(id);
      if (!a || a.status !== 'online' || a.disabled_at !== null) return false;
      return (load.get(id) ?? 0) < (a.max_chats ?? maxChatsPerAgent);
    });
    if (granted.length === 0) return [];

    const claimed = await trx
      .updateTable('conversations')
      .set({ status: 'offered' })
      .where('id', '=', conversationId)
      .where('status', '=', 'queued')
      .where('assignee_id', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return [];
    const now = deps.clock.now();
    await trx
      .insertInto('offers')
      .values(
        granted.map((agentId) => ({
          id: newId(now),
          conversation_id: conversationId,
          agent_id: agentId,
          status: 'pending' as const,
          offered_at: now,
          expires_at: now + offerTimeoutSeconds * 1000,
          answered_at: null,
        })),
      )
      .execute();
    await trx
      .updateTable('agents')
      .set({ last_offered_at: now })
      .where('id', 'in', granted)
      .execute();
    return granted;
  });
}
