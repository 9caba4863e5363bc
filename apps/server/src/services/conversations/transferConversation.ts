import { canSeeConversation, type ChatPlace } from '../../domain/access.js';
import { isSupervisor } from '../../domain/actors.js';
import { agentCanTransfer, agentCanView } from '../../domain/permissions.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import {
  moveChat,
  takeWaitingChat,
  withdrawPendingOffers,
} from '../../storage/conversationWrites.js';
import type { ConversationSnapshot } from '../../storage/conversations.js';
import { leaveChat } from '../../storage/participants.js';
import { insertRoutingEvent } from '../../storage/routingEvents.js';
import type { AgentRow, RoutingEventKind } from '../../storage/schema.js';
import { activeAgent } from '../../storage/ticketWrites.js';
import { postSystemMessage } from '../messages/commitMessage.js';
import { scopeOf, withAccess } from '../access.js';
import type { Deps } from '../deps.js';
import { participantIds } from './readConversations.js';
import { publishConversationChanged, snapshotOf } from './conversationSnapshots.js';

/** The agent a chat goes to: active, and working on the chat's site and department. */
async function targetAgent(deps: Deps, agentId: string, chat: ChatPlace): Promise<AgentRow> {
  const target = await activeAgent(deps.store, agentId);
  if (!target) throw new AppError('NOT_FOUND', 'No such agent.');
  if (!canSeeConversation(await scopeOf(deps, target), chat))
    throw new AppError('FORBIDDEN', "That agent does not work on this chat's site or department.");
  return target;
}

async function logEvent(
  deps: Deps,
  conversationId: string,
  kind: RoutingEventKind,
  agentId: string | null,
  actorId: string | null,
) {
  const at = deps.clock.now();
  await insertRoutingEvent(deps.store, {
    id: newId(at),
    conversationId,
    kind,
    agentId,
    actorId,
    at,
  });
}

/**
 * Hands an active chat to another agent: by its owner, or by a supervisor (who may also take it
 * over by naming themselves). Conditional on the current owner, so two transfers cannot cross.
 */
export async function transferConversation(
  deps: Deps,
  actor: AgentRow,
  conversationId: string,
  toAgentId: string,
): Promise<ConversationSnapshot> {
  const c = await snapshotOf(deps, conversationId);
  const scoped = await withAccess(deps, actor);
  if (!c || !agentCanView(scoped, { ...c, participantIds: participantIds(c) }))
    throw new AppError('NOT_FOUND', 'Conversation not found.');
  if (!agentCanTransfer(actor, c))
    throw new AppError('FORBIDDEN', 'Only the chat owner or a supervisor can transfer it.');
  if (c.status !== 'active' || !c.assignee_id)
    throw new AppError(
      'FORBIDDEN',
      'Only an active chat can be transferred; assign a waiting one.',
    );
  const target = await targetAgent(deps, toAgentId, c);
  if (target.id === c.assignee_id) return c;
  const moved = await moveChat(deps.store, {
    conversationId,
    fromId: c.assignee_id,
    toId: target.id,
    activeOnly: true,
  });
  if (!moved) throw new AppError('ALREADY_TAKEN', 'The chat changed hands meanwhile; try again.');
  // The new owner is the owner, not also a participant.
  await leaveChat(deps.store, conversationId, target.id, deps.clock.now());
  await logEvent(deps, conversationId, 'transferred', target.id, actor.id);
  await postSystemMessage(deps, conversationId, `${target.name} took over the chat`, {
    event: 'took_over',
    name: target.name,
  });
  return publishConversationChanged(deps, conversationId, {
    status: c.status,
    assigneeId: c.assignee_id,
  });
}

/** A supervisor gives a waiting (or stuck) chat to an agent directly. */
export async function assignConversation(
  deps: Deps,
  actor: AgentRow,
  conversationId: string,
  toAgentId: string,
): Promise<ConversationSnapshot> {
  if (!isSupervisor(actor)) throw new AppError('FORBIDDEN', 'Only supervisors can assign chats.');
  const c = await snapshotOf(deps, conversationId);
  if (!c || !canSeeConversation(await scopeOf(deps, actor), c))
    throw new AppError('NOT_FOUND', 'Conversation not found.');
  if (c.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
  if (c.status === 'active') return transferConversation(deps, actor, conversationId, toAgentId);
  const target = await targetAgent(deps, toAgentId, c);
  const now = deps.clock.now();
  const taken = await takeWaitingChat(deps.store, { conversationId, agentId: target.id, now });
  if (!taken) throw new AppError('ALREADY_TAKEN');
  await withdrawPendingOffers(deps.store, conversationId, now);
  await logEvent(deps, conversationId, 'assigned', target.id, actor.id);
  await postSystemMessage(deps, conversationId, `${target.name} joined the chat`, {
    event: 'joined',
    name: target.name,
  });
  return publishConversationChanged(deps, conversationId, { status: c.status, assigneeId: null });
}

export { logEvent as logRoutingEvent };
