import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { canSeeConversation } from '../../domain/access.js';
import {
  acceptPendingOffer,
  findConversationState,
  takeWaitingChat,
  withdrawPendingOffers,
} from '../../storage/conversationWrites.js';
import type { ConversationSnapshot } from '../../storage/conversations.js';
import { insertRoutingEvent } from '../../storage/routingEvents.js';
import { visitorRow } from '../../storage/ticketWrites.js';
import type { AgentRow } from '../../storage/schema.js';
import { scopeOf } from '../access.js';
import { commitMessage, postSystemMessage } from '../messages/commitMessage.js';
import type { Deps } from '../deps.js';
import { getSettings } from '../settings/settings.js';
import { publishConversationChanged, snapshotOf } from './conversationSnapshots.js';

/**
 * Takes a waiting chat. One conditional UPDATE decides the owner, so two agents accepting at
 * once get one winner and one ALREADY_TAKEN, on every node and dialect. The same UPDATE
 * requires the chat to be of the agent's sites and departments; any other is NOT_FOUND.
 */
export async function acceptConversation(
  deps: Deps,
  agent: AgentRow,
  conversationId: string,
): Promise<ConversationSnapshot> {
  const now = deps.clock.now();
  const scope = await scopeOf(deps, agent);
  const before = await findConversationState(deps.store, conversationId);
  const taken = await takeWaitingChat(deps.store, {
    conversationId,
    agentId: agent.id,
    now,
    scope,
  });
  if (!taken) {
    const current = await snapshotOf(deps, conversationId);
    if (!current || !canSeeConversation(scope, current))
      throw new AppError('NOT_FOUND', 'Conversation not found.');
    if (current.assignee_id === agent.id && current.status === 'active') return current;
    if (current.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
    throw new AppError('ALREADY_TAKEN');
  }
  await settleOffers(deps, conversationId, agent.id, now);
  await postSystemMessage(deps, conversationId, `${agent.name} joined the chat`, {
    event: 'joined',
    name: agent.name,
  });
  const settings = await getSettings(deps);
  if (settings.autoGreeting.trim() !== '') {
    const visitor = await visitorRow(deps.store, before!.visitor_id);
    const body = settings.autoGreeting
      .replaceAll('{agent}', agent.name)
      .replaceAll('{visitor}', visitor?.name ?? 'there')
      .trim();
    await commitMessage(deps, {
      conversationId,
      clientId: `greeting-${conversationId}`,
      author: { type: 'agent', id: agent.id, name: agent.name },
      body,
      visibility: 'public',
    });
  }
  return publishConversationChanged(deps, conversationId, {
    status: before?.status ?? 'queued',
    assigneeId: null,
  });
}

/** The winner's offer is accepted (a pick from the queue without an offer is logged as such); the rest withdrawn. */
async function settleOffers(
  deps: Deps,
  conversationId: string,
  agentId: string,
  now: number,
): Promise<void> {
  const mine = await acceptPendingOffer(deps.store, conversationId, agentId, now);
  if (!mine) {
    await insertRoutingEvent(deps.store, {
      id: newId(now),
      conversationId,
      kind: 'accepted',
      agentId,
      actorId: agentId,
      at: now,
    });
  }
  await withdrawPendingOffers(deps.store, conversationId, now);
}
