import {
  AgentTranscriptInput,
  API_PREFIX,
  Id,
  TicketFromChatInput,
  TicketListQuery,
  TicketReplyInput,
  TicketUpdateInput,
  type ChatTicketsResponse,
  type TicketBadgeResponse,
  type TicketListResponse,
  type TicketReplyResponse,
  type TicketResponse,
  type TicketThreadResponse,
} from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { presentTicket, presentTicketMessage } from '../../presenters/ticket.js';
import type { Deps } from '../../services/deps.js';
import { contentDisposition } from '../../domain/files.js';
import {
  listTickets,
  openTicketFile,
  readTicket,
  ticketBadge,
  ticketOriginal,
  updateTicket,
} from '../../services/tickets/inbox.js';
import { chatTickets, ticketFromChat } from '../../services/tickets/fromChat.js';
import { replyToTicket } from '../../services/tickets/reply.js';
import { emailTranscriptAsAgent } from '../../services/transcripts/agentTranscript.js';
import { parseInput } from '../../validation.js';
import { requireAgent } from '../auth.js';
import { Params } from './guards.js';

const MessageParams = z.object({ id: Id, messageId: Id });
const FileParams = z.object({ id: Id, fileId: Id });

/** The ticket inbox: agents only, each seeing the tickets of their sites and departments. */
export function ticketRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(`${API_PREFIX}/tickets`, async (request): Promise<TicketListResponse> => {
    const { agent } = await requireAgent(deps, request);
    const query = parseInput(TicketListQuery, request.query);
    const { tickets, counts } = await listTickets(deps, agent, query);
    return { tickets: tickets.map(presentTicket), counts };
  });

  app.get(`${API_PREFIX}/tickets/badge`, async (request): Promise<TicketBadgeResponse> => {
    const { agent } = await requireAgent(deps, request);
    return { count: await ticketBadge(deps, agent) };
  });

  app.get(`${API_PREFIX}/tickets/:id`, async (request): Promise<TicketThreadResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    const { ticket, messages, files } = await readTicket(deps, agent, id);
    return {
      ticket: presentTicket(ticket),
      messages: messages.map((m) => presentTicketMessage(m, files)),
    };
  });

  app.patch(`${API_PREFIX}/tickets/:id`, async (request): Promise<TicketResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    const patch = parseInput(TicketUpdateInput, request.body);
    return { ticket: presentTicket(await updateTicket(deps, agent, id, patch)) };
  });

  app.post(`${API_PREFIX}/tickets/:id/messages`, async (request, reply) => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    const input = parseInput(TicketReplyInput, request.body);
    const { ticket, message } = await replyToTicket(deps, agent, id, input);
    const body: TicketReplyResponse = {
      ticket: presentTicket(ticket),
      message: presentTicketMessage(message),
    };
    return reply.code(201).send(body);
  });

  chatRoutes(app, deps);

  // The email exactly as received, as a file: never rendered by the browser.
  app.get(`${API_PREFIX}/tickets/:id/messages/:messageId/original`, async (request, reply) => {
    const { agent } = await requireAgent(deps, request);
    const { id, messageId } = parseInput(MessageParams, request.params);
    const raw = await ticketOriginal(deps, agent, id, messageId);
    return reply
      .header('content-type', 'message/rfc822')
      .header('content-disposition', `attachment; filename="message-${messageId}.eml"`)
      .send(raw);
  });

  // A file an email brought: downloaded, never rendered (the chat files' headers).
  app.get(`${API_PREFIX}/tickets/:id/files/:fileId`, async (request, reply) => {
    const { agent } = await requireAgent(deps, request);
    const { id, fileId } = parseInput(FileParams, request.params);
    const { file, stream } = await openTicketFile(deps, agent, id, fileId);
    return reply
      .header('content-type', file.content_type)
      .header('content-length', String(file.size))
      .header('content-disposition', contentDisposition('attachment', file.name))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'private, max-age=3600')
      .send(stream);
  });
}

/** From a chat: its tickets, "Create ticket" and "Email transcript" (chats the agent may open). */
function chatRoutes(app: FastifyInstance, deps: Deps): void {
  const chat = `${API_PREFIX}/conversations/:id`;
  app.get(`${chat}/tickets`, async (request): Promise<ChatTicketsResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    return { tickets: (await chatTickets(deps, agent, id)).map(presentTicket) };
  });

  app.post(`${chat}/tickets`, async (request, reply) => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    const input = parseInput(TicketFromChatInput, request.body ?? {});
    const body: TicketResponse = {
      ticket: presentTicket(await ticketFromChat(deps, agent, id, input)),
    };
    return reply.code(201).send(body);
  });

  app.post(`${chat}/transcript`, async (request): Promise<{ sentTo: string }> => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    const input = parseInput(AgentTranscriptInput, request.body);
    return emailTranscriptAsAgent(deps, agent, id, input);
  });
}
