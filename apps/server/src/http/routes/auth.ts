import { API_PREFIX, LoginInput, type SessionResponse } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { presentAgent } from '../../presenters/agent.js';
import { signIn, signOut } from '../../services/agentSessions.js';
import type { Deps } from '../../services/deps.js';
import { parseInput } from '../../validation.js';
import { clearSessionCookie, requireAgent, setSessionCookie } from '../auth.js';

export function authRoutes(app: FastifyInstance, deps: Deps): void {
  app.post(`${API_PREFIX}/auth/login`, async (request, reply): Promise<SessionResponse> => {
    const { email, password } = parseInput(LoginInput, request.body);
    const { agent, token, csrfToken, expiresAt } = await signIn(deps, email, password);
    setSessionCookie(deps, reply, token, expiresAt);
    return { agent: presentAgent(agent), csrfToken };
  });

  app.get(`${API_PREFIX}/auth/session`, async (request): Promise<SessionResponse> => {
    const { agent, csrfToken } = await requireAgent(deps, request);
    return { agent: presentAgent(agent), csrfToken };
  });

  app.post(`${API_PREFIX}/auth/logout`, async (request, reply) => {
    const { sessionId } = await requireAgent(deps, request);
    await signOut(deps, sessionId);
    deps.bus.publish({ type: 'session.ended', sessionId });
    clearSessionCookie(reply);
    return reply.status(204).send();
  });
}
