import {
  API_PREFIX,
  SsoSecondFactorInput,
  SsoSettingsInput,
  type SessionResponse,
  type SsoSettingsResponse,
  type SsoStatusResponse,
} from '@parley/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import { isOwnOrigin } from '../../origins.js';
import { presentAgent } from '../../presenters/agent.js';
import type { SignedIn } from '../../services/accounts/agentSessions.js';
import { finishSsoSecondFactor } from '../../services/accounts/ssoSecondFactor.js';
import { CONSOLE_PATH } from '../../services/accounts/ssoReturnPath.js';
import {
  loadSsoConfig,
  presentSsoSettings,
  saveSsoSettings,
  ssoStatus,
} from '../../services/accounts/ssoSettings.js';
import { finishSsoSignIn, startSsoSignIn } from '../../services/accounts/ssoSignIn.js';
import { mustSetUpTwoFactor } from '../../services/accounts/twoFactor.js';
import type { Deps } from '../../services/deps.js';
import { parseInput } from '../../validation.js';
import { setSessionCookie } from '../auth.js';
import { requireAdmin } from './guards.js';

/** Holds a provider sign-in that waits for the agent's two-factor code; only SSO routes see it. */
const TICKET_COOKIE = 'parley_sso_ticket';
const SSO_PATH = `${API_PREFIX}/auth/sso`;

/** The query string's single values (a repeated parameter counts as absent). */
function queryOf(request: FastifyRequest): Record<string, string> {
  const query = (request.query ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** Back to the sign-in page with a stable code the console turns into words; never a trace. */
function toSignInPage(request: FastifyRequest, reply: FastifyReply, err: unknown) {
  const code = err instanceof AppError ? err.code : 'INTERNAL';
  if (!(err instanceof AppError)) request.log.error({ err }, 'single sign-on failed');
  return reply.redirect(`${CONSOLE_PATH}?ssoError=${code}`, 303);
}

/** The callback's query holds the provider's one-time code and the state: kept out of logs. */
const withoutQuery = {
  req: (req: FastifyRequest) => ({ method: req.method, url: req.url.split('?')[0] }),
};

async function sessionBody(deps: Deps, signedIn: SignedIn): Promise<SessionResponse> {
  return {
    agent: presentAgent(signedIn.agent),
    csrfToken: signedIn.csrfToken,
    twoFactor: {
      enabled: signedIn.agent.two_factor_at !== null,
      setupRequired: await mustSetUpTwoFactor(deps, signedIn.agent),
    },
  };
}

/** Single sign-on with OpenID Connect: the sign-in flow, and its settings for admins. */
export function ssoRoutes(app: FastifyInstance, deps: Deps): void {
  app.get(SSO_PATH, (): Promise<SsoStatusResponse> => ssoStatus(deps));

  app.get(`${SSO_PATH}/start`, async (request, reply) => {
    try {
      const url = await startSsoSignIn(deps, queryOf(request).returnTo, request.ip);
      return await reply.redirect(url, 303);
    } catch (err) {
      return toSignInPage(request, reply, err);
    }
  });

  app.get(`${SSO_PATH}/callback`, { logSerializers: withoutQuery }, async (request, reply) => {
    try {
      const outcome = await finishSsoSignIn(deps, queryOf(request));
      if (outcome.kind === 'secondFactor') {
        void reply.setCookie(TICKET_COOKIE, outcome.ticket, {
          httpOnly: true,
          sameSite: 'lax',
          secure: deps.config.publicUrl.startsWith('https://'),
          path: SSO_PATH,
          expires: new Date(outcome.expiresAt),
        });
        return await reply.redirect(`${CONSOLE_PATH}?sso=code`, 303);
      }
      const { session, returnTo } = outcome;
      setSessionCookie(deps, reply, session.token, session.expiresAt);
      return await reply.redirect(returnTo, 303);
    } catch (err) {
      return toSignInPage(request, reply, err);
    }
  });

  app.post(`${SSO_PATH}/second-factor`, async (request, reply): Promise<SessionResponse> => {
    const origin = request.headers.origin;
    if (origin !== undefined && !isOwnOrigin(origin, request.headers.host, deps.config.publicUrl))
      throw new AppError('ORIGIN_NOT_ALLOWED');
    const { code } = parseInput(SsoSecondFactorInput, request.body);
    const { session } = await finishSsoSecondFactor(
      deps,
      request.cookies[TICKET_COOKIE],
      code,
      request.ip,
    );
    void reply.clearCookie(TICKET_COOKIE, { path: SSO_PATH });
    setSessionCookie(deps, reply, session.token, session.expiresAt);
    return sessionBody(deps, session);
  });

  app.get(`${API_PREFIX}/settings/sso`, async (request): Promise<SsoSettingsResponse> => {
    await requireAdmin(deps, request);
    return { settings: presentSsoSettings(deps, await loadSsoConfig(deps)) };
  });

  app.put(`${API_PREFIX}/settings/sso`, async (request): Promise<SsoSettingsResponse> => {
    await requireAdmin(deps, request);
    const input = parseInput(SsoSettingsInput, request.body);
    return { settings: presentSsoSettings(deps, await saveSsoSettings(deps, input)) };
  });
}
