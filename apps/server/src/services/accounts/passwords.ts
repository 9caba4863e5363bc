import argon2 from 'argon2';
import { AppError } from '../../errors.js';
import { hashToken, newSecretToken } from '../../ids.js';
import { findResetRecipient, passwordHashOf, setPasswordHash } from '../../storage/agents.js';
import {
  deleteResetLinksOf,
  findResetLink,
  insertPasswordReset,
  spendResetLink,
} from '../../storage/passwordResets.js';
import type { AgentRow } from '../../storage/schema.js';
import { deleteSessionsOf } from '../../storage/sessions.js';
import type { Deps } from '../deps.js';
import { checkNewPassword } from './passwordPolicy.js';

/** Reset requests one address may make: enough for a forgetful team, too few to spam anyone. */
const RESET_REQUESTS = { name: 'password-reset', limit: 10, windowMs: 60 * 60_000 };
/** Reset mails one account receives per hour. */
const RESET_MAILS = { name: 'password-reset-mail', limit: 3, windowMs: 60 * 60_000 };

/** A reset link works once, for this long. */
export const RESET_LINK_TTL_MS = 30 * 60_000;

/** Ends sessions of an agent (all, or all but `keep`); their open sockets close at once. */
export async function endSessions(deps: Deps, agentId: string, keep?: string): Promise<number> {
  const ended = await deleteSessionsOf(deps.store, agentId, keep);
  for (const id of ended) deps.bus.publish({ type: 'session.ended', sessionId: id });
  return ended.length;
}

async function setPassword(deps: Deps, agentId: string, password: string): Promise<void> {
  await setPasswordHash(deps.store, agentId, await argon2.hash(password));
}

/**
 * The agent changes their own password: the current one is required, the new one must pass the
 * policy, and every other session of theirs ends (a stolen cookie stops working).
 */
export async function changePassword(
  deps: Deps,
  agent: AgentRow,
  sessionId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const hash = await passwordHashOf(deps.store, agent.id);
  const ok = await argon2.verify(hash, input.currentPassword).catch(() => false);
  if (!ok) {
    throw new AppError('VALIDATION_FAILED', 'Your current password is not right.', {
      currentPassword: 'is not your current password',
    });
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError('PASSWORD_WEAK', 'Choose a password other than your current one.', {
      newPassword: 'is your current password',
    });
  }
  checkNewPassword(input.newPassword, agent);
  await setPassword(deps, agent.id, input.newPassword);
  // Outstanding reset links would undo the change: they die with the old password.
  await deleteResetLinksOf(deps.store, agent.id);
  await endSessions(deps, agent.id, sessionId);
}

function resetMail(name: string, link: string) {
  const text = [
    `Hello ${name},`,
    '',
    'Someone (we hope you) asked to reset your Parley password. Open this link within 30',
    'minutes to choose a new one; it works once:',
    '',
    link,
    '',
    'If you did not ask for this, ignore this email: your password stays as it is.',
  ].join('\n');
  return { subject: 'Reset your Parley password', text };
}

/**
 * "Forgot password?". Answers the same way whether or not the address belongs to an active
 * agent (the caller always says "if it exists, we sent a link"); only then is a link mailed.
 */
export async function requestPasswordReset(deps: Deps, email: string, ip: string): Promise<void> {
  // Keyed on the sender's address and on the account, so nobody's inbox can be flooded; over
  // either limit nothing is sent, and the answer stays the same.
  const account = email.trim().toLowerCase();
  const allowed =
    (await deps.rateLimiter.allow(RESET_REQUESTS, `ip:${ip}`)) &&
    (await deps.rateLimiter.allow(RESET_MAILS, `to:${account}`));
  if (!allowed) return;
  const agent = await findResetRecipient(deps.store, account);
  if (!agent) return;
  const token = newSecretToken();
  const now = deps.clock.now();
  await insertPasswordReset(deps.store, {
    id: hashToken(token),
    agentId: agent.id,
    createdAt: now,
    expiresAt: now + RESET_LINK_TTL_MS,
  });
  const link = `${deps.config.publicUrl}/console/#/reset-password?token=${encodeURIComponent(token)}`;
  await deps.mailer.send({ to: agent.email, ...resetMail(agent.name, link) });
}

/**
 * Sets a new password from an emailed link: the link must be unused and younger than 30
 * minutes, and is spent even if two requests race (the conditional update decides). Every
 * session of the agent ends; they sign in with the new password.
 */
export async function resetPassword(
  deps: Deps,
  input: { token: string; newPassword: string },
): Promise<void> {
  const now = deps.clock.now();
  const id = hashToken(input.token);
  const link = await findResetLink(deps.store, id);
  if (!link || link.used_at !== null || link.expires_at <= now || link.disabled_at !== null)
    throw new AppError('RESET_LINK_INVALID');
  // The password is checked before the link is spent: a refused password can be retried.
  checkNewPassword(input.newPassword, link);
  if (!(await spendResetLink(deps.store, id, now))) throw new AppError('RESET_LINK_INVALID');
  await setPassword(deps, link.agent_id, input.newPassword);
  await deleteResetLinksOf(deps.store, link.agent_id, id);
  await endSessions(deps, link.agent_id);
}
