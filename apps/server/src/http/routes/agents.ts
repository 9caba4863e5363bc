import { agentColumns } from '../../storage/schema.js';
import {
  API_PREFIX,
  CreateAgentInput,
  SetStatusInput,
  type AgentListResponse,
  type AgentResponse,
} from '@parley/protocol';
import { AppError } from '../../errors.js';
import { createAgent } from '../../services/createAgent.js';
import type { FastifyInstance } from 'fastify';
import { presentAgent } from '../../presenters/agent.js';
import type { Deps } from '../../services/deps.js';
import { setAgentStatus } from '../../services/setAgentStatus.js';
import { parseInput } from '../../validation.js';
import { requireAgent } from '../auth.js';

export function agentRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(`${API_PREFIX}/agents`, async (request): Promise<AgentListResponse> => {
    await requireAgent(deps, request);
    const rows = await deps.db
      .selectFrom('agents')
      .select(agentColumns)
      .where('disabled_at', 'is', null)
      .orderBy('name')
      .execute();
    return { agents: rows.map(presentAgent) };
  });

  app.post(`${API_PREFIX}/agents`, async (request, reply): Promise<AgentResponse> => {
    const { agent } = await requireAgent(deps, request);
    if (agent.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins can add agents.');
    const input = parseInput(CreateAgentInput, request.body);
    void reply.status(201);
    return { agent: presentAgent(await createAgent(deps, input)) };
  });

  app.put(`${API_PREFIX}/agents/me/status`, async (request): Promise<AgentResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { status } = parseInput(SetStatusInput, request.body);
    return { agent: presentAgent(await setAgentStatus(deps, agent, status)) };
  });
}
