import { canSeeConversation } from '../../domain/access.js';
import { requeueChatOf } from '../../storage/agents.js';
import { pendingOffersWithPlace } from '../../storage/offers.js';
import { leaveChat } from '../../storage/participants.js';
import { joinedChats, ownedActiveChats } from '../../storage/routing.js';
import { loadScopedAgent } from '../access.js';
import { publishConversationChanged } from '../conversations/conversationSnapshots.js';
import type { Deps } from '../deps.js';
import { endOffers } from './answerOffer.js';

/**
 * After an agent's sites, departments or role changed: the chats they may no longer see leave
 * them. Offers waiting on them are withdrawn (the chat goes to someone else), chats they own
 * go back to the queue at their old place, and chats they joined as a colleague they leave,
 * so no customer is stranded with an agent who can no longer read the chat.
 */
export async function releaseChatsOutOfScope(deps: Deps, agentId: string): Promise<void> {
  const agent = await loadScopedAgent(deps, agentId);
  if (!agent || agent.access.kind === 'all') return;
  const lost = (c: { site_id: string; department_id: string | null }) =>
    !canSeeConversation(agent.access, c);
  const [offers, owned, joined] = await Promise.all([
    pendingOffersWithPlace(deps.store, agentId),
    ownedActiveChats(deps.store, agentId),
    joinedChats(deps.store, agentId),
  ]);
  await endOffers(deps, offers.filter(lost), 'withdrawn');
  for (const c of owned.filter(lost)) {
    if (await requeueChatOf(deps.store, c.id, agentId))
      await publishConversationChanged(deps, c.id, { status: 'active', assigneeId: agentId });
  }
  for (const c of joined.filter(lost)) {
    await leaveChat(deps.store, c.id, agentId, deps.clock.now());
    await publishConversationChanged(deps, c.id, { status: c.status, assigneeId: c.assignee_id });
  }
}
