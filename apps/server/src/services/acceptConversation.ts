import { AppError } from '../errors.js';
import { findConversationView, type ConversationView } from '../storage/conversations.js';
import type { AgentRow } from '../storage/schema.js';
import type { Deps } from './deps.js';
import { postSystemMessage } from './commitMessage.js';

/**
 * Takes a waiting chat. One conditional UPDATE decides the owner, so two agents accepting at
 * once get one winner and one ALREADY_TAKEN, on every node and dialect.
 */
export async function acceptConversation(
  deps: Deps,
  agent: AgentRow,
  conversationId: string,
): Promise<ConversationView> {
  const now = deps.clock.now();
  const result = await deps.db
    .updateTable('conversations')
    .set({ status: 'active', assignee_id: agent.id, accepted_at: now })
    .where('id', '=', conversationId)
    .where('assignee_id', 'is', null)
    .where('status', 'in', ['queued', 'offered'])
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    const current = await findConversationView(deps.db, conversationId);
    if (!current) throw new AppError('NOT_FOUND', 'Conversation not found.');
    if (current.assignee_id === agent.id && current.status === 'active') return current;
    if (current.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
    throw new AppError('ALREADY_TAKEN');
  }
  await postSystemMessage(deps, conversationId, `${agent.name} joined the chat`);
  const view = (await findConversationView(deps.db, conversationId))!;
  deps.bus.publish({
    type: 'conversation.changed',
    conversation: view,
    previousStatus: 'queued',
    previousAssigneeId: null,
  });
  return view;
}
