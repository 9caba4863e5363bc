import {
  API_PREFIX,
  HistoryQuery,
  Id,
  SendMessageInput,
  StartSessionInput,
  TicketInput,
  type MessagesResponse,
  type SendMessageResponse,
  type VisitorCurrentResponse,
  type VisitorSessionResponse,
  type WidgetConfigResponse,
} from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { presentVisitorConversation } from '../../presenters/conversation.js';
import { presentVisitorMessage, presentVisitorSendResult } from '../../presenters/message.js';
import { closeConversation } from '../../services/conversations/closeConversation.js';
import type { Deps } from '../../services/deps.js';
import {
  currentVisitorConversation,
  visitorHistory,
} from '../../services/conversations/readConversations.js';
import { sendVisitorMessage } from '../../services/messages/sendMessage.js';
import { startConversation } from '../../services/conversations/startConversation.js';
import { createTicket } from '../../services/tickets/tickets.js';
import { findSiteByKey, startVisitorSession } from '../../services/visitors/visitorSessions.js';
import { limitVisitor } from '../../services/visitors/abuseLimits.js';
import { widgetConfig } from '../../services/sites/widgetConfig.js';
import { parseInput } from '../../validation.js';
import { requireVisitor } from '../auth.js';

const Params = z.object({ id: Id });
const ConfigQuery = z.object({ siteKey: z.string().min(1).max(64) });

/**
 * The widget's REST API: the public config and session creation (read cross-origin by
 * loader.js), then routes authenticated by the visitor token (`Authorization: Bearer`).
 */
export function widgetRoutes(app: FastifyInstance, deps: Deps): void {
  const base = `${API_PREFIX}/widget`;

  // loader.js runs on the customer's pages and reads this public config cross-origin.
  app.get(`${base}/config`, async (request, reply): Promise<WidgetConfigResponse> => {
    void reply.header('access-control-allow-origin', '*');
    const { siteKey } = parseInput(ConfigQuery, request.query);
    const site = await findSiteByKey(deps, siteKey);
    if (!site) throw new AppError('NOT_FOUND', 'Unknown site.');
    return { config: await widgetConfig(deps, site) };
  });

  app.post(`${base}/sessions`, async (request, reply): Promise<VisitorSessionResponse> => {
    // loader.js creates the visitor from the customer's page: token auth, no cookies.
    void reply.header('access-control-allow-origin', '*');
    const { siteKey } = parseInput(StartSessionInput, request.body);
    const { visitor, token } = await startVisitorSession(deps, siteKey, request.ip || null);
    void reply.status(201);
    return {
      token,
      visitor: { id: visitor.id, code: visitor.code, name: visitor.name, email: visitor.email },
    };
  });

  widgetConversationRoutes(app, deps, base);
}

/** The visitor's own conversations: the current one, its history, sending, closing, tickets. */
function widgetConversationRoutes(app: FastifyInstance, deps: Deps, base: string): void {
  app.get(`${base}/conversations/current`, async (request): Promise<VisitorCurrentResponse> => {
    const visitor = await requireVisitor(deps, request);
    const current = await currentVisitorConversation(deps, visitor);
    return current
      ? {
          conversation: presentVisitorConversation(current.conversation),
          messages: current.messages.map(presentVisitorMessage),
        }
      : { conversation: null, messages: [] };
  });

  app.post(`${base}/conversations`, async (request, reply) => {
    const visitor = await requireVisitor(deps, request);
    void reply.status(201);
    return { conversation: presentVisitorConversation(await startConversation(deps, visitor)) };
  });

  app.get(`${base}/conversations/:id/messages`, async (request): Promise<MessagesResponse> => {
    const visitor = await requireVisitor(deps, request);
    const { id } = parseInput(Params, request.params);
    const page = parseInput(HistoryQuery, request.query);
    const { messages } = await visitorHistory(deps, visitor, id, page);
    return { messages: messages.map(presentVisitorMessage) };
  });

  app.post(
    `${base}/conversations/:id/messages`,
    async (request, reply): Promise<SendMessageResponse> => {
      const visitor = await requireVisitor(deps, request);
      const { id } = parseInput(Params, request.params);
      const input = parseInput(SendMessageInput, {
        ...(request.body as object),
        conversationId: id,
      });
      await limitVisitor(deps, 'messages', { visitorId: visitor.id, ip: request.ip || null });
      const result = await sendVisitorMessage(deps, visitor, input);
      void reply.status(result.duplicate ? 200 : 201);
      return presentVisitorSendResult(result);
    },
  );

  app.post(`${base}/tickets`, async (request, reply) => {
    const visitor = await requireVisitor(deps, request);
    const input = parseInput(TicketInput, request.body);
    const ticket = await createTicket(deps, visitor, input, request.ip || null);
    void reply.status(201);
    return { ticket: { id: ticket.id, createdAt: new Date(ticket.created_at).toISOString() } };
  });

  app.post(`${base}/conversations/:id/close`, async (request) => {
    const visitor = await requireVisitor(deps, request);
    const { id } = parseInput(Params, request.params);
    return {
      conversation: presentVisitorConversation(
        await closeConversation(deps, { kind: 'visitor', visitor }, id),
      ),
    };
  });
}
