import {
  API_PREFIX,
  ChangePasswordInput,
  CreateAgentInput,
  SetStatusInput,
  type AgentListResponse,
  type AgentResponse,
} from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addAgent, listAgents } from '../../services/accounts/addAgent.js';
import { changePassword } from '../../services/accounts/passwords.js';
import { presentAgent } from '../../presenters/agent.js';
import type { Deps } from '../../services/deps.js';
import { setAgentStatus } from '../../services/setAgentStatus.js';
import { parseInput } from '../../validation.js';
import { requireAgent } from '../auth.js';

export function agentRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(`${API_PREFIX}/agents`, async (request): Promise<AgentListResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { include } = parseInput(
      z.object({ include: z.enum(['deactivated']).optional() }),
      request.query,
    );
    const rows = await listAgents(deps, agent, include === 'deactivated');
    return { agents: rows.map((r) => presentAgent(r, { withDeactivation: true })) };
  });

  app.post(`${API_PREFIX}/agents`, async (request, reply): Promise<AgentResponse> => {
    const { agent } = await requireAgent(deps, request);
    const input = parseInput(CreateAgentInput, request.body);
    void reply.status(201);
    return { agent: presentAgent(await addAgent(deps, agent, input)) };
  });

  // The agent's own password; every other session of theirs ends.
  app.put(`${API_PREFIX}/agents/me/password`, async (request, reply) => {
    const { agent, sessionId } = await requireAgent(deps, request);
    const input = parseInput(ChangePasswordInput, request.body);
    await changePassword(deps, agent, sessionId, input);
    return reply.status(204).send();
  });

  app.put(`${API_PREFIX}/agents/me/status`, async (request): Promise<AgentResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { status } = parseInput(SetStatusInput, request.body);
    return { agent: presentAgent(await setAgentStatus(deps, agent, status)) };
  });
}
