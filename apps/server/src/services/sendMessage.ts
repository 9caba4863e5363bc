import { AppError } from '../errors.js';
import { agentCanSend, agentCanView, isWaiting } from '../domain/permissions.js';
import type { WriteResult } from '../storage/messageWriter.js';
import type { AgentRow, ConversationRow, VisitorRow } from '../storage/schema.js';
import { acceptConversation } from './acceptConversation.js';
import { commitMessage } from './commitMessage.js';
import type { Deps } from './deps.js';

export interface SendInput {
  conversationId: string;
  clientId: string;
  body: string;
}

export function sendVisitorMessage(
  deps: Deps,
  visitor: VisitorRow,
  input: SendInput,
): Promise<WriteResult> {
  return commitMessage(deps, {
    conversationId: input.conversationId,
    clientId: input.clientId,
    author: { type: 'visitor', id: visitor.id, name: visitor.name ?? visitor.code },
    body: input.body,
    visibility: 'public',
    // Checked in the transaction: another visitor's conversation does not exist for this one.
    guard: (c: ConversationRow) =>
      c.visitor_id !== visitor.id
        ? new AppError('NOT_FOUND', 'Conversation not found.')
        : c.status === 'closed'
          ? new AppError('CONVERSATION_CLOSED')
          : null,
  });
}

export async function sendAgentMessage(
  deps: Deps,
  agent: AgentRow,
  input: SendInput & { visibility: 'public' | 'private' },
): Promise<WriteResult> {
  const conv = await deps.db
    .selectFrom('conversations')
    .select(['id', 'status', 'assignee_id'])
    .where('id', '=', input.conversationId)
    .executeTakeFirst();
  const joined = await deps.db
    .selectFrom('participants')
    .select('agent_id')
    .where('conversation_id', '=', input.conversationId)
    .where('left_at', 'is', null)
    .execute();
  const participantIds = joined.map((p) => p.agent_id);
  if (!conv || !agentCanView(agent, { ...conv, participantIds })) {
    throw new AppError('NOT_FOUND', 'Conversation not found.');
  }
  // Answering a waiting chat accepts it, as agents expect from the seeds' consoles.
  if (input.visibility === 'public' && isWaiting(conv) && conv.assignee_id === null) {
    await acceptConversation(deps, agent, input.conversationId);
  }
  return commitMessage(deps, {
    conversationId: input.conversationId,
    clientId: input.clientId,
    author: { type: 'agent', id: agent.id, name: agent.name },
    body: input.body,
    visibility: input.visibility,
    guard: (c: ConversationRow) =>
      c.status === 'closed'
        ? new AppError('CONVERSATION_CLOSED')
        : agentCanSend(agent, { ...c, participantIds }, input.visibility)
          ? null
          : new AppError(
              'FORBIDDEN',
              'Only the agent who owns this chat can reply to the visitor.',
            ),
  });
}
