import { API_PREFIX, SetStatusInput, type AgentResponse } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { presentAgent } from '../../presenters/agent.js';
import type { Deps } from '../../services/deps.js';
import { setAgentStatus } from '../../services/setAgentStatus.js';
import { parseInput } from '../../validation.js';
import { requireAgent } from '../auth.js';

export function agentRoutes(app: FastifyInstance, deps: Deps): void {
  app.put(`${API_PREFIX}/agents/me/status`, async (request): Promise<AgentResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { status } = parseInput(SetStatusInput, request.body);
    return { agent: presentAgent(await setAgentStatus(deps, agent, status)) };
  });
}
