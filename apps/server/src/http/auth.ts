import { CSRF_HEADER, SESSION_COOKIE } from '@parley/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.js';
import { isOwnOrigin } from '../origins.js';
import { authenticateAgent, type AgentSession } from '../services/accounts/agentSessions.js';
import { mustSetUpTwoFactor } from '../services/accounts/twoFactor.js';
import type { Deps } from '../services/deps.js';
import { authenticateVisitor } from '../services/visitors/visitorSessions.js';
import type { VisitorRecord } from '../domain/records.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The signed-in agent of a cookie-authenticated request. State changes also need the CSRF
 * header matching the session, and, when the browser sends one, an Origin of our own. An admin
 * the organisation requires to use two-factor sign-in gets TWO_FACTOR_SETUP_REQUIRED until
 * they have set it up.
 */
export async function requireAgent(
  deps: Deps,
  request: FastifyRequest,
  /** The few routes an admin who must still set up two-factor sign-in may use. */
  opts: { beforeTwoFactorSetup?: boolean } = {},
): Promise<AgentSession> {
  const session = await authenticateAgent(deps, request.cookies[SESSION_COOKIE]);
  if (!session) throw new AppError('UNAUTHENTICATED');
  if (!opts.beforeTwoFactorSetup && (await mustSetUpTwoFactor(deps, session.agent)))
    throw new AppError('TWO_FACTOR_SETUP_REQUIRED');
  if (!SAFE_METHODS.has(request.method)) {
    const origin = request.headers.origin;
    if (origin !== undefined && !isOwnOrigin(origin, request.headers.host, deps.config.publicUrl)) {
      throw new AppError('ORIGIN_NOT_ALLOWED');
    }
    const header = request.headers[CSRF_HEADER];
    if (typeof header !== 'string' || !sameSecret(header, session.csrfToken))
      throw new AppError('CSRF_FAILED');
  }
  return session;
}

/** The visitor of a widget request, from `Authorization: Bearer <visitor token>`. */
export async function requireVisitor(deps: Deps, request: FastifyRequest): Promise<VisitorRecord> {
  const header = request.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  const visitor = await authenticateVisitor(deps, token);
  if (!visitor) throw new AppError('UNAUTHENTICATED', 'Unknown visitor token.');
  return visitor;
}

export function setSessionCookie(
  deps: Deps,
  reply: FastifyReply,
  token: string,
  expiresAt: number,
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.publicUrl.startsWith('https://'),
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
