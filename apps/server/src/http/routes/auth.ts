import {
  API_PREFIX,
  LoginInput,
  PasswordResetInput,
  PasswordResetRequestInput,
  type SessionResponse,
} from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { presentAgent } from '../../presenters/agent.js';
import { signIn, signOut } from '../../services/accounts/agentSessions.js';
import { requestPasswordReset, resetPassword } from '../../services/accounts/passwords.js';
import { mustSetUpTwoFactor } from '../../services/accounts/twoFactor.js';
import type { Deps } from '../../services/deps.js';
import { parseInput } from '../../validation.js';
import { clearSessionCookie, requireAgent, setSessionCookie } from '../auth.js';

export function authRoutes(app: FastifyInstance, deps: Deps): void {
  app.post(`${API_PREFIX}/auth/login`, async (request, reply): Promise<SessionResponse> => {
    const { email, password, code } = parseInput(LoginInput, request.body);
    const { agent, token, csrfToken, expiresAt } = await signIn(
      deps,
      email,
      password,
      request.ip,
      code,
    );
    setSessionCookie(deps, reply, token, expiresAt);
    return {
      agent: presentAgent(agent),
      csrfToken,
      twoFactor: {
        enabled: agent.two_factor_at !== null,
        setupRequired: await mustSetUpTwoFactor(deps, agent),
      },
    };
  });

  app.get(`${API_PREFIX}/auth/session`, async (request): Promise<SessionResponse> => {
    const { agent, csrfToken } = await requireAgent(deps, request, { beforeTwoFactorSetup: true });
    return {
      agent: presentAgent(agent),
      csrfToken,
      twoFactor: {
        enabled: agent.two_factor_at !== null,
        setupRequired: await mustSetUpTwoFactor(deps, agent),
      },
    };
  });

  app.post(`${API_PREFIX}/auth/logout`, async (request, reply) => {
    const { sessionId } = await requireAgent(deps, request, { beforeTwoFactorSetup: true });
    await signOut(deps, sessionId);
    deps.bus.publish({ type: 'session.ended', sessionId });
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  // Always 202 with the same body: whether the address is an agent's is not revealed.
  app.post(`${API_PREFIX}/auth/password-reset`, async (request, reply) => {
    const { email } = parseInput(PasswordResetRequestInput, request.body);
    await requestPasswordReset(deps, email, request.ip);
    return reply.status(202).send({ sent: true });
  });

  app.post(`${API_PREFIX}/auth/password-reset/confirm`, async (request, reply) => {
    const input = parseInput(PasswordResetInput, request.body);
    await resetPassword(deps, input);
    return reply.status(204).send();
  });
}
