import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Id } from '@parley/protocol';
import { AppError } from '../../errors.js';
import type { Deps } from '../../services/deps.js';
import type { AgentRecord } from '../../domain/records.js';
import { requireAgent } from '../auth.js';

/** `:id` of a route. */
export const Params = z.object({ id: Id });

/** The signed-in agent, who must be an admin (FORBIDDEN otherwise). */
export async function requireAdmin(deps: Deps, request: FastifyRequest): Promise<AgentRecord> {
  const { agent } = await requireAgent(deps, request);
  if (agent.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins can change settings.');
  return agent;
}
