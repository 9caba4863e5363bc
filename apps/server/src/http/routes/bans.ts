import { API_PREFIX, type BanListResponse } from '@parley/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isSupervisor } from '../../domain/actors.js';
import { AppError } from '../../errors.js';
import { liftBan, listBans } from '../../services/visitors/bans.js';
import type { Deps } from '../../services/deps.js';
import { parseInput } from '../../validation.js';
import { requireAgent } from '../auth.js';
import { Params } from './guards.js';

/** Bans: supervisors and admins list and lift them (agents ban from the visitor's panel). */
export function banRoutes(app: FastifyInstance, deps: Deps): void {
  const supervisor = async (request: FastifyRequest) => {
    const { agent } = await requireAgent(deps, request);
    if (!isSupervisor(agent))
      throw new AppError('FORBIDDEN', 'Only supervisors and admins manage bans.');
    return agent;
  };

  app.get(`${API_PREFIX}/bans`, async (request): Promise<BanListResponse> => {
    const agent = await supervisor(request);
    return { bans: await listBans(deps, agent) };
  });

  app.delete(`${API_PREFIX}/bans/:id`, async (request, reply) => {
    const agent = await supervisor(request);
    const { id } = parseInput(Params, request.params);
    await liftBan(deps, agent, id);
    return reply.status(204).send();
  });
}
