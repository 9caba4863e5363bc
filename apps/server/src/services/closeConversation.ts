import { AppError } from '../errors.js';
import { agentCanClose, agentCanView } from '../domain/permissions.js';
import type { Actor } from '../domain/actors.js';
import { findConversationView, type ConversationView } from '../storage/conversations.js';
import type { Deps } from './deps.js';
import { postSystemMessage } from './commitMessage.js';

/** Ends a chat. Closing twice is harmless: the second call returns the closed conversation. */
export async function closeConversation(
  deps: Deps,
  actor: Actor,
  conversationId: string,
): Promise<ConversationView> {
  const before = await findConversationView(deps.db, conversationId);
  const visible =
    before &&
    (actor.kind === 'visitor'
      ? before.visitor_id === actor.visitor.id
      : agentCanView(actor.agent, before));
  if (!before || !visible) throw new AppError('NOT_FOUND', 'Conversation not found.');
  if (actor.kind === 'agent' && !agentCanClose(actor.agent, before)) {
    throw new AppError('FORBIDDEN', 'Only the chat owner or a supervisor can close it.');
  }
  if (before.status === 'closed') return before;

  const result = await deps.db
    .updateTable('conversations')
    .set({ status: 'closed', closed_at: deps.clock.now(), closed_by: actor.kind })
    .where('id', '=', conversationId)
    .where('status', '!=', 'closed')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 1) {
    const who = actor.kind === 'visitor' ? 'The visitor' : actor.agent.name;
    await postSystemMessage(deps, conversationId, `${who} ended the chat`);
  }
  const view = (await findConversationView(deps.db, conversationId))!;
  if (Number(result.numUpdatedRows) === 1) {
    deps.bus.publish({
      type: 'conversation.changed',
      conversation: view,
      previousStatus: before.status,
      previousAssigneeId: before.assignee_id,
    });
  }
  return view;
}
