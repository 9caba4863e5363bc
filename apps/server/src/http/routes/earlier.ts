import { API_PREFIX, EarlierQuery, Id, type EarlierResponse } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { presentEarlier, presentVisitorEarlier } from '../../presenters/earlier.js';
import type { Deps } from '../../services/deps.js';
import { agentEarlier, visitorEarlier } from '../../services/history/earlier.js';
import { parseInput } from '../../validation.js';
import { requireAgent, requireVisitor } from '../auth.js';

const Params = z.object({ id: Id });

/**
 * The returning customer's earlier conversations above a chat: for an agent who may open the
 * chat, and for the visitor whose chat it is (public messages only).
 */
export function earlierRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(`${API_PREFIX}/conversations/:id/earlier`, async (request): Promise<EarlierResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    const page = parseInput(EarlierQuery, request.query);
    return presentEarlier(await agentEarlier(deps, agent, id, page));
  });

  app.get(
    `${API_PREFIX}/widget/conversations/:id/earlier`,
    async (request): Promise<EarlierResponse> => {
      const visitor = await requireVisitor(deps, request);
      const { id } = parseInput(Params, request.params);
      const page = parseInput(EarlierQuery, request.query);
      return presentVisitorEarlier(
        await visitorEarlier(deps, visitor, { ...page, conversationId: id }),
      );
    },
  );
}
