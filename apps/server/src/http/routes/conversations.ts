import {
  API_PREFIX,
  AgentSendMessageInput,
  ConversationStatus,
  HistoryQuery,
  Id,
  type ConversationListResponse,
  type ConversationResponse,
  type MessagesResponse,
  type SendMessageResponse,
} from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { presentConversation } from '../../presenters/conversation.js';
import { presentMessage, presentSendResult } from '../../presenters/message.js';
import { acceptConversation } from '../../services/conversations/acceptConversation.js';
import { closeConversation } from '../../services/conversations/closeConversation.js';
import type { Deps } from '../../services/deps.js';
import {
  agentHistory,
  getAgentConversation,
  listAgentConversations,
} from '../../services/conversations/readConversations.js';
import { sendAgentMessage } from '../../services/messages/sendMessage.js';
import { parseInput } from '../../validation.js';
import { requireAgent } from '../auth.js';

const Params = z.object({ id: Id });
const ListQuery = z.object({
  status: ConversationStatus.optional(),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The agent's REST view of conversations; the console uses the socket, integrations use this. */
export function conversationRoutes(app: FastifyInstance, deps: Deps): void {
  const base = `${API_PREFIX}/conversations`;

  app.get(base, async (request): Promise<ConversationListResponse> => {
    const { agent } = await requireAgent(deps, request);
    const filter = parseInput(ListQuery, request.query);
    return {
      conversations: (await listAgentConversations(deps, agent, filter)).map(presentConversation),
    };
  });

  app.get(`${base}/:id`, async (request): Promise<ConversationResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    return { conversation: presentConversation(await getAgentConversation(deps, agent, id)) };
  });

  app.get(`${base}/:id/messages`, async (request): Promise<MessagesResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    const page = parseInput(HistoryQuery, request.query);
    const { messages } = await agentHistory(deps, agent, id, page);
    return { messages: messages.map(presentMessage) };
  });

  app.post(`${base}/:id/messages`, async (request, reply): Promise<SendMessageResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    const input = parseInput(AgentSendMessageInput, {
      ...(request.body as object),
      conversationId: id,
    });
    const result = await sendAgentMessage(deps, agent, input);
    void reply.status(result.duplicate ? 200 : 201);
    return presentSendResult(result);
  });

  app.post(`${base}/:id/accept`, async (request): Promise<ConversationResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    return { conversation: presentConversation(await acceptConversation(deps, agent, id)) };
  });

  app.post(`${base}/:id/close`, async (request): Promise<ConversationResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    return {
      conversation: presentConversation(
        await closeConversation(deps, { kind: 'agent', agent }, id),
      ),
    };
  });
}
