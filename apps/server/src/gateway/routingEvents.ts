import type { AgentClientEvents } from '@parley/protocol';
import {
  AnswerInvitationInput,
  DirectHistoryInput,
  DirectSendInput,
  ConversationRef,
  InviteInput,
  TransferInput,
} from '@parley/protocol';
import type { Socket } from 'socket.io';
import { z } from 'zod';
import { isSupervisor } from '../domain/actors.js';
import { AppError } from '../errors.js';
import { presentConversation } from '../presenters/conversation.js';
import {
  presentAgentLoad,
  presentDirectMessage,
  presentInvitation,
} from '../presenters/routing.js';
import { directHistory, sendDirectMessage } from '../services/team/directMessages.js';
import { agentLoads } from '../services/team/agentLoads.js';
import type { Deps } from '../services/deps.js';
import {
  answerInvitation,
  inviteAgent,
  leaveConversation,
} from '../services/conversations/chatInvitations.js';
import { rejectOffer } from '../services/routing/answerOffer.js';
import { routingLog } from '../services/routing/routingLog.js';
import {
  assignConversation,
  transferConversation,
} from '../services/conversations/transferConversation.js';
import type { AgentRecord } from '../domain/records.js';
import { requestsOf } from './handler.js';

/** The agent namespace's routing requests: reject, transfer, assign, invite, log, team load. */
export function registerRoutingEvents(
  socket: Socket,
  deps: Deps,
  getAgent: () => AgentRecord,
): void {
  const on = requestsOf<AgentClientEvents>(socket, deps.log);

  on.request('conversation:reject', ConversationRef, async ({ conversationId }) => {
    await rejectOffer(deps, getAgent(), conversationId);
    return {};
  });

  on.request('conversation:transfer', TransferInput, async ({ conversationId, agentId }) => ({
    conversation: presentConversation(
      await transferConversation(deps, getAgent(), conversationId, agentId),
    ),
  }));

  on.request('conversation:assign', TransferInput, async ({ conversationId, agentId }) => ({
    conversation: presentConversation(
      await assignConversation(deps, getAgent(), conversationId, agentId),
    ),
  }));

  on.request('conversation:invite', InviteInput, async (input) => ({
    invitation: presentInvitation(await inviteAgent(deps, getAgent(), input)),
  }));

  on.request('invitation:answer', AnswerInvitationInput, async ({ invitationId, accept }) => ({
    invitation: presentInvitation(await answerInvitation(deps, getAgent(), invitationId, accept)),
  }));

  on.request('conversation:leave', ConversationRef, async ({ conversationId }) => {
    await leaveConversation(deps, getAgent(), conversationId);
    return {};
  });

  on.request('conversation:log', ConversationRef, async ({ conversationId }) => ({
    entries: await routingLog(deps, getAgent(), conversationId),
  }));

  on.request('direct:send', DirectSendInput, async (input) => {
    const { message } = await sendDirectMessage(deps, getAgent(), input);
    return { message: presentDirectMessage(message) };
  });

  on.request('direct:history', DirectHistoryInput, async ({ agentId, afterSeq }) => ({
    messages: (await directHistory(deps, getAgent(), agentId, afterSeq)).map(presentDirectMessage),
  }));

  on.request('agents:load', z.object({}), async () => {
    if (!isSupervisor(getAgent()))
      throw new AppError('FORBIDDEN', 'Only supervisors see the team load.');
    return { agents: (await agentLoads(deps, getAgent())).map(presentAgentLoad) };
  });
}
