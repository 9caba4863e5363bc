import { API_PREFIX, CannedResponseInput, Id, type CannedResponse } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  deleteCannedResponse,
  listCannedResponses,
  saveCannedResponse,
} from '../../services/messages/cannedResponses.js';
import type { Deps } from '../../services/deps.js';
import type { CannedResponseRecord } from '../../domain/records.js';
import { parseInput } from '../../validation.js';
import { requireAgent } from '../auth.js';

const Params = z.object({ id: Id });

function present(r: CannedResponseRecord): CannedResponse {
  return {
    id: r.id,
    scope: r.scope,
    ownerId: r.owner_id,
    departmentId: r.department_id,
    title: r.title,
    shortcut: r.shortcut,
    body: r.body,
  };
}

export function cannedRoutes(app: FastifyInstance, deps: Deps): void {
  const base = `${API_PREFIX}/canned-responses`;
  app.get(base, async (request) => {
    const { agent } = await requireAgent(deps, request);
    return { responses: (await listCannedResponses(deps, agent)).map(present) };
  });
  app.post(base, async (request, reply) => {
    const { agent } = await requireAgent(deps, request);
    const input = parseInput(CannedResponseInput, request.body);
    void reply.status(201);
    return { response: present(await saveCannedResponse(deps, agent, input)) };
  });
  app.put(`${base}/:id`, async (request) => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    const input = parseInput(CannedResponseInput, request.body);
    return { response: present(await saveCannedResponse(deps, agent, input, id)) };
  });
  app.delete(`${base}/:id`, async (request, reply) => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    await deleteCannedResponse(deps, agent, id);
    return reply.status(204).send();
  });
}
