import {
  API_PREFIX,
  AgentUpdateInput,
  ChangePasswordInput,
  CreateAgentInput,
  SetStatusInput,
  TwoFactorDisableInput,
  TwoFactorEnableInput,
  type TwoFactorEnableResponse,
  type TwoFactorSetupResponse,
  type AgentListResponse,
  type AgentResponse,
} from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addAgent, listAgents } from '../../services/accounts/addAgent.js';
import { changePassword } from '../../services/accounts/passwords.js';
import {
  disableTwoFactor,
  enableTwoFactor,
  startTwoFactorSetup,
} from '../../services/accounts/twoFactor.js';
import { presentAgent } from '../../presenters/agent.js';
import type { Deps } from '../../services/deps.js';
import { setAgentStatus } from '../../services/team/setAgentStatus.js';
import { parseInput } from '../../validation.js';
import { requireAgent } from '../auth.js';
import { Params } from './guards.js';
import { updateAgent } from '../../services/accounts/updateAgent.js';
import { sitesOfAgents } from '../../services/access.js';

async function siteIdsOf(deps: Deps, agentId: string): Promise<string[]> {
  return (await sitesOfAgents(deps, [agentId])).get(agentId) ?? [];
}

export function agentRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(`${API_PREFIX}/agents`, async (request): Promise<AgentListResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { include } = parseInput(
      z.object({ include: z.enum(['deactivated']).optional() }),
      request.query,
    );
    const rows = await listAgents(deps, agent, include === 'deactivated');
    const sites = await sitesOfAgents(
      deps,
      rows.map((r) => r.id),
    );
    return {
      agents: rows.map((r) =>
        presentAgent(r, { withDeactivation: true, siteIds: sites.get(r.id) ?? [] }),
      ),
    };
  });

  app.post(`${API_PREFIX}/agents`, async (request, reply): Promise<AgentResponse> => {
    const { agent } = await requireAgent(deps, request);
    const input = parseInput(CreateAgentInput, request.body);
    void reply.status(201);
    const created = await addAgent(deps, agent, input);
    return { agent: presentAgent(created, { siteIds: await siteIdsOf(deps, created.id) }) };
  });

  // Two-factor sign-in: set up (secret and QR code), turn on with the first code, turn off.
  app.post(
    `${API_PREFIX}/agents/me/two-factor/setup`,
    async (request): Promise<TwoFactorSetupResponse> => {
      const { agent } = await requireAgent(deps, request, { beforeTwoFactorSetup: true });
      return startTwoFactorSetup(deps, agent);
    },
  );
  app.post(
    `${API_PREFIX}/agents/me/two-factor/enable`,
    async (request): Promise<TwoFactorEnableResponse> => {
      const { agent } = await requireAgent(deps, request, { beforeTwoFactorSetup: true });
      const { code } = parseInput(TwoFactorEnableInput, request.body);
      return enableTwoFactor(deps, agent, code);
    },
  );
  app.post(`${API_PREFIX}/agents/me/two-factor/disable`, async (request, reply) => {
    const { agent } = await requireAgent(deps, request);
    const { password } = parseInput(TwoFactorDisableInput, request.body);
    await disableTwoFactor(deps, agent, password);
    return reply.status(204).send();
  });

  // Admins change an agent's name, role, chat maximum; deactivate and reactivate them.
  app.patch(`${API_PREFIX}/agents/:id`, async (request): Promise<AgentResponse> => {
    const { agent } = await requireAgent(deps, request);
    const { id } = parseInput(Params, request.params);
    const changes = parseInput(AgentUpdateInput, request.body);
    const updated = await updateAgent(deps, agent, id, changes);
    return { agent: presentAgent(updated, { siteIds: await siteIdsOf(deps, id) }) };
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
