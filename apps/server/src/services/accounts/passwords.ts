import argon2 from 'argon2';
import { AppError } from '../../errors.js';
import { hashToken, newSecretToken } from '../../ids.js';
import type { AgentRow } from '../../storage/schema.js';
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
  let query = deps.store.selectFrom('sessions').select('id').where('agent_id', '=', agentId);
  if (keep) query = query.where('id', '!=', keep);
  const ended = await query.execute();
  if (ended.length === 0) return 0;
  await deps.store
    .deleteFrom('sessions')
    .where(
      'id',
      'in',
      ended.map((s) => s.id),
    )
    .execute();
  for (const { id } of ended) deps.bus.publish({ type: 'session.ended', sessionId: id });
  return ended.length;
}

async function setPassword(deps: Deps, agentId: string, password: string): Promise<void> {
  await deps.store
    .updateTable('agents')
    .set({ password_hash: await argon2.hash(password) })
    .where('id', '=', agentId)
    .execute();
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
  const row = await deps.store
    .selectFrom('agents')
    .select('password_hash')
    .where('id', '=', agent.id)
    .executeTakeFirstOrThrow();
  const ok = await argon2.verify(row.password_hash, input.currentPassword).catch(() => false);
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
  await deps.store.deleteFrom('password_resets').where('agent_id', '=', agent.id).execute();
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
  const agent = await deps.store
    .selectFrom('agents')
    .select(['id', 'name', 'email'])
    .where('email', '=', account)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!agent) return;
  const token = newSecretToken();
  const now = deps.clock.now();
  await deps.store
    .insertInto('password_resets')
    .values({
      id: hashToken(token),
      agent_id: agent.id,
      created_at: now,
      expires_at: now + RESET_LINK_TTL_MS,
      used_at: null,
    })
    .execute();
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
  const link = await deps.store
    .selectFrom('password_resets as r')
    .innerJoin('agents as a', 'a.id', 'r.agent_id')
    .select(['r.agent_id', 'r.expires_at', 'r.used_at', 'a.email', 'a.name', 'a.disabled_at'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  if (!link || link.used_at !== null || link.expires_at <= now || link.disabled_at !== null)
    throw new AppError('RESET_LINK_INVALID');
  // The password is checked before the link is spent: a refused password can be retried.
  checkNewPassword(input.newPassword, link);
  const spent = await deps.store
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(spent.numUpdatedRows) !== 1) throw new AppError('RESET_LINK_INVALID');
  await setPassword(deps, link.agent_id, input.newPassword);
  await deps.store
    .deleteFrom('password_resets')
    .where('agent_id', '=', link.agent_id)
    .where('id', '!=', id)
    .execute();
  await endSessions(deps, link.agent_id);
}
