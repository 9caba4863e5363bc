import { canSeeConversation } from '../../domain/access.js';
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
    deps.store
      .selectFrom('offers as o')
      .innerJoin('conversations as c', 'c.id', 'o.conversation_id')
      .select(['o.id', 'o.conversation_id', 'c.site_id', 'c.department_id'])
      .where('o.agent_id', '=', agentId)
      .where('o.status', '=', 'pending')
      .execute(),
    deps.store
      .selectFrom('conversations')
      .select(['id', 'site_id', 'department_id'])
      .where('assignee_id', '=', agentId)
      .where('status', '=', 'active')
      .execute(),
    deps.store
      .selectFrom('participants as p')
      .innerJoin('conversations as c', 'c.id', 'p.conversation_id')
      .select(['c.id', 'c.status', 'c.assignee_id', 'c.site_id', 'c.department_id'])
      .where('p.agent_id', '=', agentId)
      .where('p.left_at', 'is', null)
      .execute(),
  ]);
  await endOffers(deps, offers.filter(lost), 'withdrawn');
  for (const c of owned.filter(lost)) {
    const back = await deps.store
      .updateTable('conversations')
      .set({ status: 'queued', assignee_id: null })
      .where('id', '=', c.id)
      .where('assignee_id', '=', agentId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(back.numUpdatedRows) === 1)
      await publishConversationChanged(deps, c.id, { status: 'active', assigneeId: agentId });
  }
  for (const c of joined.filter(lost)) {
    await deps.store
      .updateTable('participants')
      .set({ left_at: deps.clock.now() })
      .where('conversation_id', '=', c.id)
      .where('agent_id', '=', agentId)
      .where('left_at', 'is', null)
      .execute();
    await publishConversationChanged(deps, c.id, { status: c.status, assigneeId: c.assignee_id });
  }
}
