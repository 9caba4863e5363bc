import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../errors.js';
import { hashToken, newSecretToken } from '../../ids.js';
import { findSignInAccount } from '../../storage/agents.js';
import type { AgentRow } from '../../storage/schema.js';
import {
  deleteSession,
  extendSession,
  findSessionWithAgent,
  insertSession,
} from '../../storage/sessions.js';
import { verifySecondFactor } from './twoFactor.js';
import { checkSignInAllowed, signInFailed, signInSucceeded } from './signInThrottle.js';
import type { Deps } from '../deps.js';

// Verifying against this when the email is unknown keeps the response time the same either way.
let decoyHash: Promise<string> | null = null;
function decoy(): Promise<string> {
  decoyHash ??= argon2.hash(randomBytes(16).toString('hex'));
  return decoyHash;
}

export interface SignedIn {
  agent: AgentRow;
  token: string;
  csrfToken: string;
  expiresAt: number;
}

/**
 * Email and password to a session. Throttled per account and per address (`ip`, as the server
 * saw it): a growing pause after a few failures, then a lock (TOO_MANY_ATTEMPTS). An agent with
 * two-factor sign-in also needs `code`: TWO_FACTOR_REQUIRED without it, TWO_FACTOR_INVALID
 * (a failure like a wrong password) when it is wrong or used before.
 */
export async function signIn(
  deps: Deps,
  email: string,
  password: string,
  ip: string,
  code?: string,
): Promise<SignedIn> {
  const account = email.toLowerCase();
  await checkSignInAllowed(deps, account, ip);
  const agent = await findSignInAccount(deps.store, account);
  const ok = await argon2
    .verify(agent?.password_hash ?? (await decoy()), password)
    .catch(() => false);
  if (!agent || !ok) {
    await signInFailed(deps, account, ip);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (agent.two_factor_at !== null) {
    // The password was right; the console now asks for the app's code and sends both again.
    if (!code) throw new AppError('TWO_FACTOR_REQUIRED');
    if (!(await verifySecondFactor(deps, agent.id, code))) {
      await signInFailed(deps, account, ip);
      throw new AppError('TWO_FACTOR_INVALID');
    }
  }
  await signInSucceeded(deps, account);
  const {
    password_hash: _hash,
    totp_secret: _secret,
    totp_pending: _pending,
    totp_last_step: _step,
    ...signedIn
  } = agent;
  return startSession(deps, signedIn);
}

/** A new session for an agent whose sign-in (password or single sign-on) checked out. */
export async function startSession(deps: Deps, agent: AgentRow): Promise<SignedIn> {
  const token = newSecretToken();
  const csrfToken = newSecretToken();
  const now = deps.clock.now();
  const expiresAt = now + deps.config.sessionTtlMs;
  await insertSession(deps.store, {
    id: hashToken(token),
    agent_id: agent.id,
    csrf_token: csrfToken,
    created_at: now,
    expires_at: expiresAt,
    last_seen_at: now,
  });
  return { agent, token, csrfToken, expiresAt };
}

export interface AgentSession {
  agent: AgentRow;
  sessionId: string;
  csrfToken: string;
}

/** The agent behind a session cookie, or null when the session is unknown, expired or disabled. */
export async function authenticateAgent(
  deps: Deps,
  token: string | undefined,
): Promise<AgentSession | null> {
  if (!token || token.length > 200) return null;
  const id = hashToken(token);
  const now = deps.clock.now();
  const row = await findSessionWithAgent(deps.store, id);
  if (!row || row.expires_at <= now || row.disabled_at !== null) return null;
  const { csrf_token, expires_at: _e, last_seen_at, ...agent } = row;
  if (now - last_seen_at > 60_000) {
    // Sliding expiry, written at most once a minute per session.
    await extendSession(deps.store, id, now, deps.config.sessionTtlMs);
  }
  return { agent, sessionId: id, csrfToken: csrf_token };
}

export async function signOut(deps: Deps, sessionId: string): Promise<void> {
  await deleteSession(deps.store, sessionId);
}
