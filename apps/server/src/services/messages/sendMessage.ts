import { convertEmoticons } from '@parley/protocol/text';
import { AppError } from '../../errors.js';
import { agentCanSend, agentCanView, isWaiting } from '../../domain/permissions.js';
import { findConversationState } from '../../storage/conversationWrites.js';
import type { WriteResult } from '../../storage/messageWriter.js';
import { findMessageInChat } from '../../storage/messages.js';
import { activeParticipantIds } from '../../storage/participants.js';
import type { AgentRow, ConversationRow, VisitorRow } from '../../storage/schema.js';
import { acceptConversation } from '../conversations/acceptConversation.js';
import { commitMessage } from './commitMessage.js';
import type { Deps } from '../deps.js';
import { withAccess, type ScopedAgent } from '../access.js';

export interface SendInput {
  conversationId: string;
  clientId: string;
  body: string;
  attachmentIds?: string[] | undefined;
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
    body: convertEmoticons(input.body),
    visibility: 'public',
    ...(input.attachmentIds?.length ? { attachmentIds: input.attachmentIds } : {}),
    // Checked in the transaction: another visitor's conversation does not exist for this one.
    guard: (c: ConversationRow) =>
      c.visitor_id !== visitor.id
        ? new AppError('NOT_FOUND', 'Conversation not found.')
        : c.status === 'closed'
          ? new AppError('CONVERSATION_CLOSED')
          : null,
  });
}

/**
 * The conversation an agent wants to write to, with the colleagues in it. NOT_FOUND unless
 * the agent may see it, so existence does not leak.
 */
export async function agentWriteTarget(
  deps: Deps,
  agent: AgentRow,
  conversationId: string,
): Promise<{
  conv: Pick<ConversationRow, GuardedColumn>;
  participantIds: string[];
  /** The writer, with what they may see. */
  agent: ScopedAgent;
}> {
  const scoped = await withAccess(deps, agent);
  const conv = await findConversationState(deps.store, conversationId);
  const participantIds = await activeParticipantIds(deps.store, conversationId);
  if (!conv || !agentCanView(scoped, { ...conv, participantIds })) {
    throw new AppError('NOT_FOUND', 'Conversation not found.');
  }
  return { conv, participantIds, agent: scoped };
}

type GuardedColumn = 'id' | 'status' | 'assignee_id' | 'site_id' | 'department_id';

/** Checked in the writer's transaction: the chat is open and the agent may write this way. */
export function agentSendGuard(
  agent: ScopedAgent,
  participantIds: string[],
  visibility: 'public' | 'private',
): (c: Pick<ConversationRow, GuardedColumn>) => AppError | null {
  return (c) =>
    c.status === 'closed'
      ? new AppError('CONVERSATION_CLOSED')
      : agentCanSend(agent, { ...c, participantIds }, visibility)
        ? null
        : new AppError('FORBIDDEN', 'Only the agent who owns this chat can reply to the visitor.');
}

export async function sendAgentMessage(
  deps: Deps,
  agent: AgentRow,
  input: SendInput & { visibility: 'public' | 'private'; choices?: string[] | undefined },
): Promise<WriteResult> {
  const target = await agentWriteTarget(deps, agent, input.conversationId);
  const { conv, participantIds } = target;
  // Answering a waiting chat accepts it, as agents expect from the seeds' consoles.
  if (input.visibility === 'public' && isWaiting(conv) && conv.assignee_id === null) {
    await acceptConversation(deps, target.agent, input.conversationId);
  }
  return commitMessage(deps, {
    conversationId: input.conversationId,
    clientId: input.clientId,
    author: { type: 'agent', id: agent.id, name: agent.name },
    body: convertEmoticons(input.body),
    visibility: input.visibility,
    ...(input.attachmentIds?.length ? { attachmentIds: input.attachmentIds } : {}),
    ...(input.choices ? { kind: 'options' as const, payload: { choices: input.choices } } : {}),
    guard: agentSendGuard(target.agent, participantIds, input.visibility),
  });
}

/**
 * The visitor picks a choice of an options message. The clientId is derived from the options
 * message, so a chat has at most one answer to each question, however often it is clicked.
 */
export async function answerOptions(
  deps: Deps,
  visitor: VisitorRow,
  input: { conversationId: string; messageId: string; choice: number },
): Promise<WriteResult> {
  const question = await findMessageInChat(deps.store, input.conversationId, input.messageId);
  if (!question || question.kind !== 'options' || question.visibility !== 'public') {
    throw new AppError('NOT_FOUND', 'No such question in this conversation.');
  }
  const choices = (JSON.parse(question.payload ?? '{}') as { choices?: string[] }).choices ?? [];
  const label = choices[input.choice];
  if (label === undefined)
    throw new AppError('VALIDATION_FAILED', 'No such choice.', { choice: 'out of range' });
  return commitMessage(deps, {
    conversationId: input.conversationId,
    clientId: `answer-${input.messageId}`,
    author: { type: 'visitor', id: visitor.id, name: visitor.name ?? visitor.code },
    body: label,
    visibility: 'public',
    kind: 'answer',
    payload: { messageId: input.messageId, choice: input.choice },
    guard: (c: ConversationRow) =>
      c.visitor_id !== visitor.id
        ? new AppError('NOT_FOUND', 'Conversation not found.')
        : c.status === 'closed'
          ? new AppError('CONVERSATION_CLOSED')
          : null,
  });
}
