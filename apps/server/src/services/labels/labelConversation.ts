import { MAX_TAGS_PER_CHAT } from '@parley/protocol';
import { labelWords, normaliseTitle } from '../../domain/labels.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import type { ConversationSnapshot } from '../../storage/conversations.js';
import type { AgentRow } from '../../storage/schema.js';
import { inTransaction } from '../../storage/store.js';
import {
  addChatTag,
  countChatTags,
  findTag,
  lockChatLabels,
  logLabelChange,
  removeChatTag,
  writeTitle,
} from '../../storage/tags.js';
import { snapshotOf } from '../conversations/conversationSnapshots.js';
import { getAgentConversation } from '../conversations/readConversations.js';
import type { Deps } from '../deps.js';

/**
 * "Rename chat" and "Add tag": any agent who may open the chat (open or closed) may do it.
 * Each change is one transaction with its routing-log line ("Ana added tag Refund"), then
 * every agent who sees the chat hears of it; the visitor never does.
 */

async function announce(deps: Deps, id: string): Promise<ConversationSnapshot> {
  const snapshot = await snapshotOf(deps, id);
  if (!snapshot) throw new AppError('NOT_FOUND', 'Conversation not found.');
  deps.bus.publish({ type: 'conversation.labelled', conversation: snapshot });
  return snapshot;
}

/** Sets (or, with null or blank, clears) the chat's title; the same title again changes nothing. */
export async function renameConversation(
  deps: Deps,
  agent: AgentRow,
  conversationId: string,
  title: string | null,
): Promise<ConversationSnapshot> {
  const checked = normaliseTitle(title);
  if (!checked.ok)
    throw new AppError('VALIDATION_FAILED', `Title ${checked.problem}.`, {
      [checked.field]: checked.problem,
    });
  const current = await getAgentConversation(deps, agent, conversationId);
  if (current.title === checked.value) return current;
  const now = deps.clock.now();
  await inTransaction(deps.store, async (trx) => {
    await lockChatLabels(trx, deps.dialect, conversationId);
    await writeTitle(trx, conversationId, checked.value, labelWords(checked.value));
    await logLabelChange(trx, {
      id: newId(now),
      conversationId,
      kind: 'renamed',
      agentId: agent.id,
      detail: checked.value,
      at: now,
    });
  });
  return announce(deps, conversationId);
}

export async function addConversationTag(
  deps: Deps,
  agent: AgentRow,
  conversationId: string,
  tagId: string,
): Promise<ConversationSnapshot> {
  const current = await getAgentConversation(deps, agent, conversationId);
  if (current.tags.some((t) => t.id === tagId)) return current;
  const tag = await findTag(deps.store, tagId);
  if (!tag) throw new AppError('NOT_FOUND', 'Tag not found.', { tagId: 'unknown tag' });
  const now = deps.clock.now();
  const added = await inTransaction(deps.store, async (trx) => {
    await lockChatLabels(trx, deps.dialect, conversationId);
    if ((await countChatTags(trx, conversationId)) >= MAX_TAGS_PER_CHAT)
      throw new AppError(
        'TOO_MANY_TAGS',
        `A chat may have at most ${MAX_TAGS_PER_CHAT} tags; remove one first.`,
      );
    // Deleted meanwhile: the foreign key refuses it, so look once more under the lock.
    if (!(await findTag(trx, tagId))) throw new AppError('NOT_FOUND', 'Tag not found.');
    const inserted = await addChatTag(trx, { conversationId, tagId, agentId: agent.id, at: now });
    if (inserted)
      await logLabelChange(trx, {
        id: newId(now),
        conversationId,
        kind: 'tagged',
        agentId: agent.id,
        detail: tag.name,
        at: now,
      });
    return inserted;
  });
  return added ? announce(deps, conversationId) : current;
}

export async function removeConversationTag(
  deps: Deps,
  agent: AgentRow,
  conversationId: string,
  tagId: string,
): Promise<ConversationSnapshot> {
  const current = await getAgentConversation(deps, agent, conversationId);
  const tag = current.tags.find((t) => t.id === tagId);
  if (!tag) return current;
  const now = deps.clock.now();
  const removed = await inTransaction(deps.store, async (trx) => {
    await lockChatLabels(trx, deps.dialect, conversationId);
    const gone = await removeChatTag(trx, conversationId, tagId);
    if (gone)
      await logLabelChange(trx, {
        id: newId(now),
        conversationId,
        kind: 'untagged',
        agentId: agent.id,
        detail: tag.name,
        at: now,
      });
    return gone;
  });
  return removed ? announce(deps, conversationId) : current;
}
