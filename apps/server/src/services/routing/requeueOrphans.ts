import type { Deps } from '../deps.js';
import { publishConversationChanged } from '../conversations/conversationSnapshots.js';

/** Longer than any offer's own commit: a chat is not taken from a routing pass in progress. */
const ORPHAN_AFTER_MS = 5000;

/**
 * A chat left "offered" with no pending offer (a node died between ending the last offer and
 * putting the chat back) returns to its place in the queue.
 */
export async function requeueOrphanedOffers(deps: Deps): Promise<number> {
  const cutoff = deps.clock.now() - ORPHAN_AFTER_MS;
  const orphans = await deps.store
    .selectFrom('conversations as c')
    .select('c.id')
    .where('c.status', '=', 'offered')
    .where('c.assignee_id', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('offers as o')
            .select('o.id')
            .whereRef('o.conversation_id', '=', 'c.id')
            .where((eb) =>
              eb.or([eb('o.status', '=', 'pending'), eb('o.answered_at', '>', cutoff)]),
            ),
        ),
      ),
    )
    .limit(500)
    .execute();
  let requeued = 0;
  for (const { id } of orphans) {
    const back = await deps.store
      .updateTable('conversations')
      .set({ status: 'queued' })
      .where('id', '=', id)
      .where('status', '=', 'offered')
      .where('assignee_id', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('offers')
              .select('offers.id')
              .where('offers.conversation_id', '=', id)
              .where('offers.status', '=', 'pending'),
          ),
        ),
      )
      .executeTakeFirst();
    if (Number(back.numUpdatedRows) === 0) continue;
    requeued += 1;
    await publishConversationChanged(deps, id, { status: 'offered', assigneeId: null });
  }
  return requeued;
}
