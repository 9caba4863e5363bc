import { canSeeConversation } from '../../domain/access.js';
import { agentCanInvite, agentCanView } from '../../domain/permissions.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { findConversationState, moveChat } from '../../storage/conversationWrites.js';
import {
  answerPendingInvitation,
  findInvitationView,
  insertInvitation,
  pendingInvitationIds,
  type InvitationView,
} from '../../storage/invitations.js';
import { joinChat, leaveChat, markLeftAt } from '../../storage/participants.js';
import type { AgentRow } from '../../storage/schema.js';
import { activeAgent } from '../../storage/ticketWrites.js';
import { postSystemMessage } from '../messages/commitMessage.js';
import { scopeOf, withAccess } from '../access.js';
import type { Deps } from '../deps.js';
import { participantIds } from './readConversations.js';
import { agentCapacities, isAvailable } from '../routing/capacity.js';
import { publishConversationChanged, snapshotOf } from './conversationSnapshots.js';
import { logRoutingEvent } from './transferConversation.js';

export interface InviteRequest {
  conversationId: string;
  agentId?: string | undefined;
  departmentId?: string | undefined;
  leave: boolean;
}

async function publishInvitation(deps: Deps, id: string): Promise<InvitationView> {
  const view = (await findInvitationView(deps.store, id))!;
  deps.bus.publish({ type: 'invitation.changed', invitation: view });
  return view;
}

/**
 * Invites a colleague into a chat, named or a random available member of a department. One
 * pending invitation per chat at a time, enforced by a partial unique index.
 */
export async function inviteAgent(
  deps: Deps,
  inviter: AgentRow,
  req: InviteRequest,
): Promise<InvitationView> {
  const c = await snapshotOf(deps, req.conversationId);
  const inChat = c ? participantIds(c) : [];
  if (!c || !agentCanView(await withAccess(deps, inviter), { ...c, participantIds: inChat }))
    throw new AppError('NOT_FOUND', 'Conversation not found.');
  if (!agentCanInvite(inviter, { ...c, participantIds: inChat }))
    throw new AppError('FORBIDDEN', 'Only agents in an active chat can invite.');
  const present = new Set([c.assignee_id, ...inChat].filter((x): x is string => x !== null));

  let inviteeId = req.agentId;
  if (!inviteeId) {
    const members = (await agentCapacities(deps)).filter(
      (a) =>
        isAvailable(a) &&
        a.departmentIds.includes(req.departmentId!) &&
        canSeeConversation(a.access, c) &&
        !present.has(a.agent.id) &&
        a.agent.id !== inviter.id,
    );
    if (members.length === 0)
      throw new AppError('NOT_FOUND', 'Nobody in that department is available right now.');
    inviteeId = members[Math.floor(Math.random() * members.length)]!.agent.id;
  }
  const invitee = await activeAgent(deps.store, inviteeId);
  if (!invitee) throw new AppError('NOT_FOUND', 'No such agent.');
  if (!canSeeConversation(await scopeOf(deps, invitee), c))
    throw new AppError('FORBIDDEN', "That agent does not work on this chat's site or department.");
  if (present.has(invitee.id))
    throw new AppError('FORBIDDEN', 'That agent is already in the chat.');

  const now = deps.clock.now();
  const id = newId(now);
  try {
    await insertInvitation(deps.store, {
      id,
      conversation_id: c.id,
      inviter_id: inviter.id,
      invitee_id: invitee.id,
      inviter_leaves: req.leave ? 1 : 0,
      status: 'pending',
      created_at: now,
      answered_at: null,
    });
  } catch (err) {
    const pending = await pendingInvitationIds(deps.store, c.id);
    if (pending.length > 0) throw new AppError('INVITATION_PENDING');
    throw err;
  }
  await logRoutingEvent(deps, c.id, 'invited', invitee.id, inviter.id);
  return publishInvitation(deps, id);
}

/** The invitee accepts (joins; the inviter leaves if they said so) or declines; the inviter may cancel. */
export async function answerInvitation(
  deps: Deps,
  agent: AgentRow,
  invitationId: string,
  accept: boolean,
): Promise<InvitationView> {
  const inv = await findInvitationView(deps.store, invitationId);
  if (!inv || (inv.invitee_id !== agent.id && inv.inviter_id !== agent.id))
    throw new AppError('NOT_FOUND', 'Invitation not found.');
  const byInviter = inv.inviter_id === agent.id && inv.invitee_id !== agent.id;
  if (byInviter && accept) throw new AppError('FORBIDDEN', 'Only the invited agent can accept.');
  const now = deps.clock.now();
  const status = byInviter ? 'cancelled' : accept ? 'accepted' : 'declined';
  const answered = await answerPendingInvitation(deps.store, invitationId, status, now);
  if (!answered) throw new AppError('NOT_FOUND', 'This invitation is no longer open.');
  if (status !== 'accepted') return publishInvitation(deps, invitationId);

  const conv = await findConversationState(deps.store, inv.conversation_id);
  if (!conv) throw new Error(`conversation ${inv.conversation_id} vanished`);
  if (conv.status !== 'active') return publishInvitation(deps, invitationId);
  if (inv.inviter_leaves && conv.assignee_id === inv.inviter_id) {
    // The inviter hands the chat over and leaves.
    await moveChat(deps.store, {
      conversationId: conv.id,
      fromId: inv.inviter_id,
      toId: agent.id,
      activeOnly: false,
    });
    await logRoutingEvent(deps, conv.id, 'transferred', agent.id, inv.inviter_id);
  } else {
    await joinChat(deps.store, conv.id, agent.id, now);
    if (inv.inviter_leaves) await markLeftAt(deps.store, conv.id, inv.inviter_id, now);
  }
  await logRoutingEvent(deps, conv.id, 'joined', agent.id, inv.inviter_id);
  await postSystemMessage(deps, conv.id, `${agent.name} joined the chat`, {
    event: 'joined',
    name: agent.name,
  });
  if (inv.inviter_leaves)
    await postSystemMessage(deps, conv.id, `${inv.inviter_name} left the chat`, {
      event: 'left',
      name: inv.inviter_name,
    });
  await publishConversationChanged(deps, conv.id, {
    status: conv.status,
    assigneeId: conv.assignee_id,
  });
  return publishInvitation(deps, invitationId);
}

/** An invited colleague leaves the chat (its owner stays). */
export async function leaveConversation(
  deps: Deps,
  agent: AgentRow,
  conversationId: string,
): Promise<void> {
  const left = await leaveChat(deps.store, conversationId, agent.id, deps.clock.now());
  if (!left) throw new AppError('NOT_FOUND', 'You are not a participant of this chat.');
  await logRoutingEvent(deps, conversationId, 'left', agent.id, agent.id);
  await postSystemMessage(deps, conversationId, `${agent.name} left the chat`, {
    event: 'left',
    name: agent.name,
  });
  const c = await findConversationState(deps.store, conversationId);
  if (!c) throw new Error(`conversation ${conversationId} vanished`);
  await publishConversationChanged(deps, conversationId, {
    status: c.status,
    assigneeId: c.assignee_id,
  });
}
