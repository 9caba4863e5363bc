import * as oidc from 'openid-client';
import { AppError } from '../../errors.js';
import { hashToken } from '../../ids.js';
import type { RateRule } from '../../ports/rateLimiter.js';
import { storeSsoAttempt, takeSsoAttempt } from '../../storage/sso.js';
import type { Deps } from '../deps.js';
import { startSession, type SignedIn } from './agentSessions.js';
import { agentForIdentity, type ProviderIdentity } from './ssoAccounts.js';
import { discoverProvider, ssoRedirectUrl } from './ssoProvider.js';
import { safeReturnPath } from './ssoReturnPath.js';
import { holdForSecondFactor } from './ssoSecondFactor.js';
import { loadSsoConfig, type SsoConfig } from './ssoSettings.js';

/** Long enough to type a password and approve at the provider; then the attempt is void. */
const ATTEMPT_TTL_MS = 10 * 60_000;
const SCOPE = 'openid email profile';
/** Each start stores an attempt: an address may start this many sign-ins per minute. */
const STARTS: RateRule = { name: 'sso-start', limit: 30, windowMs: 60_000 };

function enabledConfig(c: SsoConfig): SsoConfig & { clientSecret: string } {
  if (!c.enabled || !c.issuer || !c.clientId || c.clientSecret === null)
    throw new AppError('SSO_DISABLED');
  return { ...c, clientSecret: c.clientSecret };
}

/**
 * Step one: the provider's authorization URL (code flow with PKCE, state and nonce). The
 * attempt is kept in the database under the state's hash, so whichever node receives the
 * callback can finish it.
 */
export async function startSsoSignIn(deps: Deps, returnTo: unknown, ip: string): Promise<string> {
  const config = enabledConfig(await loadSsoConfig(deps));
  if (!(await deps.rateLimiter.allow(STARTS, ip))) throw new AppError('RATE_LIMITED');
  const provider = await discoverProvider(deps, config);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const now = deps.clock.now();
  await storeSsoAttempt(
    deps.store,
    {
      id: hashToken(state),
      code_verifier: codeVerifier,
      nonce,
      return_to: safeReturnPath(returnTo),
      created_at: now,
      expires_at: now + ATTEMPT_TTL_MS,
    },
    now,
  );
  return oidc.buildAuthorizationUrl(provider, {
    redirect_uri: ssoRedirectUrl(deps),
    scope: SCOPE,
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  }).href;
}

export type SsoOutcome =
  | { kind: 'signedIn'; session: SignedIn; returnTo: string }
  /** The agent has two-factor sign-in: `ticket` (a cookie) waits for their code. */
  | { kind: 'secondFactor'; ticket: string; expiresAt: number };

/**
 * Step two, the provider's redirect back: the attempt its state names (used once, unexpired),
 * then openid-client checks the response and the ID token (issuer, audience, nonce, PKCE). The
 * provider account maps to an agent by the account rule; then a session, or the two-factor
 * step first.
 */
export async function finishSsoSignIn(
  deps: Deps,
  query: Record<string, string>,
): Promise<SsoOutcome> {
  const config = enabledConfig(await loadSsoConfig(deps));
  const attempt = await takeAttempt(deps, query.state);
  const provider = await discoverProvider(deps, config);
  const who = await identify(deps, provider, query, attempt);
  const agent = await agentForIdentity(deps, config.accountRule, who);
  if (agent.two_factor_at !== null) return holdForSecondFactor(deps, agent, attempt.return_to);
  deps.log.info({ agentId: agent.id }, 'agent signed in with single sign-on');
  return {
    kind: 'signedIn',
    session: await startSession(deps, agent),
    returnTo: attempt.return_to,
  };
}

/** The attempt `state` names, removed in the same statement: a replayed callback finds none. */
async function takeAttempt(deps: Deps, state: string | undefined) {
  if (!state || state.length > 200) throw new AppError('SSO_STATE_INVALID');
  const attempt = await takeSsoAttempt(deps.store, hashToken(state));
  if (!attempt || attempt.expires_at <= deps.clock.now()) throw new AppError('SSO_STATE_INVALID');
  return { ...attempt, state };
}

async function identify(
  deps: Deps,
  provider: oidc.Configuration,
  query: Record<string, string>,
  attempt: { state: string; nonce: string; code_verifier: string },
): Promise<ProviderIdentity> {
  // The redirect URL as registered, with the provider's parameters: not the Host header.
  const callback = new URL(ssoRedirectUrl(deps));
  for (const [k, v] of Object.entries(query)) callback.searchParams.set(k, v);
  try {
    const tokens = await oidc.authorizationCodeGrant(provider, callback, {
      pkceCodeVerifier: attempt.code_verifier,
      expectedState: attempt.state,
      expectedNonce: attempt.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('no ID token');
    let info: Record<string, unknown> = claims;
    // Many providers put email and name in the UserInfo answer only.
    if (claims.email === undefined || claims.email_verified === undefined) {
      info = {
        ...(await oidc.fetchUserInfo(provider, tokens.access_token, claims.sub)),
        ...claims,
      };
    }
    return {
      issuer: claims.iss,
      subject: claims.sub,
      email: typeof info.email === 'string' ? info.email : null,
      emailVerified: info.email_verified === true,
      name: typeof info.name === 'string' ? info.name : null,
    };
  } catch (err) {
    const e = err as { code?: string; error?: string; message?: string };
    // The provider's or openid-client's reason, for the operator; never tokens or the secret.
    deps.log.warn(
      { code: e.code, error: e.error ?? query.error, reason: e.message },
      'single sign-on response refused',
    );
    throw new AppError('SSO_FAILED');
  }
}
