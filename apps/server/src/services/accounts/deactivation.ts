import {
  activeChatIdsOf,
  markAgentDeactivated,
  markAgentReactivated,
  requeueChatOf,
} from '../../storage/agents.js';
import type { Deps } from '../deps.js';
import { withdrawOffersOf } from '../routing/answerOffer.js';
import { publishConversationChanged } from '../conversations/conversationSnapshots.js';
import { endSessions } from './passwords.js';

/**
 * An admin locks an agent out: they cannot sign in, every session ends and their sockets close,
 * offers waiting on them go to someone else, and the chats they were serving return to the
 * queue at their old place (their customers are not stranded).
 */
export async function deactivateAgent(deps: Deps, agentId: string): Promise<void> {
  const now = deps.clock.now();
  if (!(await markAgentDeactivated(deps.store, agentId, now))) return;
  await endSessions(deps, agentId);
  await withdrawOffersOf(deps, [agentId]);
  for (const id of await activeChatIdsOf(deps.store, agentId)) {
    if (await requeueChatOf(deps.store, id, agentId))
      await publishConversationChanged(deps, id, { status: 'active', assigneeId: agentId });
  }
}

/** Lets a deactivated agent sign in again; they start Offline. */
export async function reactivateAgent(deps: Deps, agentId: string): Promise<void> {
  await markAgentReactivated(deps.store, agentId);
}
