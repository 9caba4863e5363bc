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
  const changed = await deps.store
    .updateTable('agents')
    .set({ disabled_at: now, status: 'offline', disconnected_at: now })
    .where('id', '=', agentId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (Number(changed.numUpdatedRows) === 0) return;
  await endSessions(deps, agentId);
  await withdrawOffersOf(deps, [agentId]);
  const held = await deps.store
    .selectFrom('conversations')
    .select('id')
    .where('assignee_id', '=', agentId)
    .where('status', '=', 'active')
    .execute();
  for (const { id } of held) {
    const back = await deps.store
      .updateTable('conversations')
      .set({ status: 'queued', assignee_id: null })
      .where('id', '=', id)
      .where('assignee_id', '=', agentId)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(back.numUpdatedRows) === 1)
      await publishConversationChanged(deps, id, { status: 'active', assigneeId: agentId });
  }
}

/** Lets a deactivated agent sign in again; they start Offline. */
export async function reactivateAgent(deps: Deps, agentId: string): Promise<void> {
  await deps.store
    .updateTable('agents')
    .set({ disabled_at: null })
    .where('id', '=', agentId)
    .execute();
}
