import { orphanedOfferedChats, requeueOrphanedChat } from '../../storage/routing.js';
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
  const orphans = await orphanedOfferedChats(deps.store, cutoff, 500);
  let requeued = 0;
  for (const id of orphans) {
    if (!(await requeueOrphanedChat(deps.store, id))) continue;
    requeued += 1;
    await publishConversationChanged(deps, id, { status: 'offered', assigneeId: null });
  }
  return requeued;
}
