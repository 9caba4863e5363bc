import {
  API_PREFIX,
  TicketStatus,
  type TicketListResponse,
  type TicketResponse,
} from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { presentTicket } from '../../presenters/routing.js';
import type { Deps } from '../../services/deps.js';
import { listTickets, setTicketStatus } from '../../services/tickets/tickets.js';
import { parseInput } from '../../validation.js';
import { requireAgent } from '../auth.js';
import { Params } from './guards.js';

/** Tickets from the message form: the inbox of the agents of the ticket's site. */
export function ticketRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(`${API_PREFIX}/tickets`, async (request): Promise<TicketListResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { status, limit } = parseInput(
      z.object({
        status: TicketStatus.optional(),
        limit: z.coerce.number().int().min(1).max(200).default(100),
      }),
      request.query,
    );
    return { tickets: (await listTickets(deps, agent, status, limit)).map(presentTicket) };
  });

  app.patch(`${API_PREFIX}/tickets/:id`, async (request): Promise<TicketResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    const { status } = parseInput(z.object({ status: TicketStatus }), request.body);
    return { ticket: presentTicket(await setTicketStatus(deps, agent, id, status)) };
  });
}
