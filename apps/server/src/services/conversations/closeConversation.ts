import type { SystemEvent } from '@parley/protocol';
import { agentCanClose, agentCanView } from '../../domain/permissions.js';
import { withAccess } from '../access.js';
import type { Actor } from '../actor.js';
import { AppError } from '../../errors.js';
import { closeChat, withdrawPendingOffers } from '../../storage/conversationWrites.js';
import type { ConversationSnapshot } from '../../storage/conversations.js';
import {
  cancelPendingInvitations,
  findInvitationView,
  pendingInvitationIds,
} from '../../storage/invitations.js';
import { leaveChatAll } from '../../storage/participants.js';
import { postSystemMessage } from '../messages/commitMessage.js';
import type { Deps } from '../deps.js';
import { participantIds } from './readConversations.js';
import { publishConversationChanged, snapshotOf } from './conversationSnapshots.js';

/** Ends a chat. Closing twice is harmless: the second call returns the closed conversation. */
export async function closeConversation(
  deps: Deps,
  actor: Actor,
  conversationId: string,
): Promise<ConversationSnapshot> {
  const before = await snapshotOf(deps, conversationId);
  const visible =
    before &&
    (actor.kind === 'visitor'
      ? before.visitor_id === actor.visitor.id
      : agentCanView(await withAccess(deps, actor.agent), {
          ...before,
          participantIds: participantIds(before),
        }));
  if (!before || !visible) throw new AppError('NOT_FOUND', 'Conversation not found.');
  if (actor.kind === 'agent' && !agentCanClose(actor.agent, before)) {
    throw new AppError('FORBIDDEN', 'Only the chat owner or a supervisor can close it.');
  }
  if (before.status === 'closed') return before;

  return actor.kind === 'visitor'
    ? finish(deps, before, 'visitor', 'The visitor ended the chat', { event: 'ended_by_visitor' })
    : finish(deps, before, 'agent', `${actor.agent.name} ended the chat`, {
        event: 'ended_by_agent',
        name: actor.agent.name,
      });
}

/** Ends a chat on the system's behalf, e.g. when the waiting visitor left a message instead. */
export async function closeAsSystem(
  deps: Deps,
  conversationId: string,
  note: string,
  event: SystemEvent = { event: 'ended' },
): Promise<ConversationSnapshot> {
  const before = await snapshotOf(deps, conversationId);
  if (!before) throw new AppError('NOT_FOUND', 'Conversation not found.');
  if (before.status === 'closed') return before;
  return finish(deps, before, 'system', note, event);
}

async function finish(
  deps: Deps,
  before: ConversationSnapshot,
  closedBy: 'visitor' | 'agent' | 'system',
  note: string,
  event: SystemEvent,
): Promise<ConversationSnapshot> {
  const conversationId = before.id;
  const now = deps.clock.now();
  const closed = await closeChat(deps.store, conversationId, closedBy, now);
  if (!closed) return (await snapshotOf(deps, conversationId))!;

  // Nothing about a closed chat stays pending: offers, invitations, colleagues in it.
  await withdrawPendingOffers(deps.store, conversationId, now);
  const cancelled = await pendingInvitationIds(deps.store, conversationId);
  await cancelPendingInvitations(deps.store, conversationId, now);
  for (const id of cancelled) {
    const view = await findInvitationView(deps.store, id);
    if (view) deps.bus.publish({ type: 'invitation.changed', invitation: view });
  }
  await leaveChatAll(deps.store, conversationId, now);
  await postSystemMessage(deps, conversationId, note, event);
  return publishConversationChanged(deps, conversationId, {
    status: before.status,
    assigneeId: before.assignee_id,
  });
}
