import type { AgentAccount } from './agents.js';
import { inTransaction, type Store } from './store.js';

/**
 * Two-factor sign-in: the agent's TOTP secrets (on the agents row) and their recovery codes,
 * stored as hashes. These columns never leave accounts/.
 */

/** Keeps a new secret aside until the agent's app proves it has it. */
export async function setPendingTotp(db: Store, agentId: string, secret: string): Promise<void> {
  await db.updateTable('agents').set({ totp_pending: secret }).where('id', '=', agentId).execute();
}

export async function pendingTotpOf(db: Store, agentId: string): Promise<string | null> {
  const row = await db
    .selectFrom('agents')
    .select(['totp_pending'])
    .where('id', '=', agentId)
    .executeTakeFirstOrThrow();
  return row.totp_pending;
}

/**
 * Turns two-factor sign-in on, in one transaction: the pending secret becomes the active one
 * (`step` already used), and the recovery codes (their hashes) replace any earlier ones.
 */
export function turnOnTwoFactor(
  db: Store,
  on: { agentId: string; secret: string; step: number; now: number; codeIds: string[] },
): Promise<void> {
  return inTransaction(db, async (tx) => {
    await tx
      .updateTable('agents')
      .set({
        totp_secret: on.secret,
        totp_pending: null,
        totp_last_step: on.step,
        two_factor_at: on.now,
      })
      .where('id', '=', on.agentId)
      .execute();
    await tx.deleteFrom('recovery_codes').where('agent_id', '=', on.agentId).execute();
    await tx
      .insertInto('recovery_codes')
      .values(on.codeIds.map((id) => ({ id, agent_id: on.agentId, used_at: null })))
      .execute();
  });
}

/** Turns it off: the secrets go, then the recovery codes. */
export async function turnOffTwoFactor(db: Store, agentId: string): Promise<void> {
  await db
    .updateTable('agents')
    .set({ totp_secret: null, totp_pending: null, totp_last_step: null, two_factor_at: null })
    .where('id', '=', agentId)
    .execute();
  await db.deleteFrom('recovery_codes').where('agent_id', '=', agentId).execute();
}

export function totpStateOf(
  db: Store,
  agentId: string,
): Promise<Pick<AgentAccount, 'totp_secret' | 'totp_last_step'> | undefined> {
  return db
    .selectFrom('agents')
    .select(['totp_secret', 'totp_last_step'])
    .where('id', '=', agentId)
    .executeTakeFirst();
}

/**
 * Records `step` as the last code accepted, if the last one is still `lastStep`: of two
 * sign-ins racing with one code, only one gets true.
 */
export async function acceptTotpStep(
  db: Store,
  agentId: string,
  step: number,
  lastStep: number | null,
): Promise<boolean> {
  let update = db.updateTable('agents').set({ totp_last_step: step }).where('id', '=', agentId);
  update =
    lastStep === null
      ? update.where('totp_last_step', 'is', null)
      : update.where('totp_last_step', '=', lastStep);
  return Number((await update.executeTakeFirst()).numUpdatedRows) === 1;
}

/** Spends an unused recovery code of the agent (by its hash); false when there is none. */
export async function spendRecoveryCode(
  db: Store,
  agentId: string,
  codeId: string,
  now: number,
): Promise<boolean> {
  const spent = await db
    .updateTable('recovery_codes')
    .set({ used_at: now })
    .where('id', '=', codeId)
    .where('agent_id', '=', agentId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(spent.numUpdatedRows) === 1;
}
