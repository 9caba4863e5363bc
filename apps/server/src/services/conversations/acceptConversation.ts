import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { canSeeConversation } from '../../domain/access.js';
import { conversationVisible } from '../../storage/access.js';
import type { ConversationSnapshot } from '../../storage/conversations.js';
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
  const before = await deps.store
    .selectFrom('conversations')
    .select(['status', 'visitor_id'])
    .where('id', '=', conversationId)
    .executeTakeFirst();
  const result = await deps.store
    .updateTable('conversations')
    .set({ status: 'active', assignee_id: agent.id, accepted_at: now })
    .where('id', '=', conversationId)
    .where('assignee_id', 'is', null)
    .where('status', 'in', ['queued', 'offered'])
    .where(conversationVisible(scope, 'conversations'))
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
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
    const visitor = await deps.store
      .selectFrom('visitors')
      .select(['name', 'code'])
      .where('id', '=', before!.visitor_id)
      .executeTakeFirst();
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
  const mine = await deps.store
    .updateTable('offers')
    .set({ status: 'accepted', answered_at: now })
    .where('conversation_id', '=', conversationId)
    .where('agent_id', '=', agentId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(mine.numUpdatedRows) === 0) {
    await deps.store
      .insertInto('routing_events')
      .values({
        id: newId(now),
        conversation_id: conversationId,
        kind: 'accepted',
        agent_id: agentId,
        actor_id: agentId,
        at: now,
      })
      .execute();
  }
  await deps.store
    .updateTable('offers')
    .set({ status: 'withdrawn', answered_at: now })
    .where('conversation_id', '=', conversationId)
    .where('status', '=', 'pending')
    .execute();
}
