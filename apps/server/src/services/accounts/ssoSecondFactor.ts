import { AppError } from '../../errors.js';
import { hashToken, newSecretToken } from '../../ids.js';
import type { AgentRow } from '../../storage/schema.js';
import {
  findSecondFactorTicket,
  spendSecondFactorTicket,
  storeSecondFactorTicket,
} from '../../storage/sso.js';
import type { Deps } from '../deps.js';
import { startSession, type SignedIn } from './agentSessions.js';
import { checkSignInAllowed, signInFailed, signInSucceeded } from './signInThrottle.js';
import { verifySecondFactor } from './twoFactor.js';

/** Time to open the authenticator app and type a code. */
const TICKET_TTL_MS = 5 * 60_000;

/**
 * The provider vouched for an agent who has two-factor sign-in on: no session yet, a ticket
 * (held by the browser as a cookie, stored as a hash) that their code turns into one.
 */
export async function holdForSecondFactor(
  deps: Deps,
  agent: AgentRow,
  returnTo: string,
): Promise<{ kind: 'secondFactor'; ticket: string; expiresAt: number }> {
  const ticket = newSecretToken();
  const now = deps.clock.now();
  const expiresAt = now + TICKET_TTL_MS;
  await storeSecondFactorTicket(
    deps.store,
    { id: hashToken(ticket), agent_id: agent.id, return_to: returnTo, expires_at: expiresAt },
    now,
  );
  return { kind: 'secondFactor', ticket, expiresAt };
}

/**
 * The code after a provider sign-in: the same check, throttling and single use as after a
 * password. A wrong code keeps the ticket (until it expires or the account locks); a right one
 * spends it and starts the session.
 */
export async function finishSsoSecondFactor(
  deps: Deps,
  ticket: string | undefined,
  code: string,
  ip: string,
): Promise<{ session: SignedIn; returnTo: string }> {
  if (!ticket || ticket.length > 200) throw new AppError('SSO_STATE_INVALID');
  const id = hashToken(ticket);
  const held = await findSecondFactorTicket(deps.store, id);
  if (!held || held.expires_at <= deps.clock.now()) throw new AppError('SSO_STATE_INVALID');
  const { return_to: returnTo, expires_at: _e, ...agent } = held;
  if (agent.disabled_at !== null) throw new AppError('SSO_ACCOUNT_DISABLED');
  await checkSignInAllowed(deps, agent.email, ip);
  if (!(await verifySecondFactor(deps, agent.id, code))) {
    await signInFailed(deps, agent.email, ip);
    throw new AppError('TWO_FACTOR_INVALID');
  }
  if (!(await spendSecondFactorTicket(deps.store, id))) throw new AppError('SSO_STATE_INVALID');
  await signInSucceeded(deps, agent.email);
  deps.log.info({ agentId: agent.id }, 'agent signed in with single sign-on and a second factor');
  return { session: await startSession(deps, agent), returnTo };
}
