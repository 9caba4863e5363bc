import type { AgentRow } from './schema.js';
import type { Store } from './store.js';

/** Emailed reset links, stored under the hash of the link's token; each works once. */

export async function insertPasswordReset(
  db: Store,
  row: { id: string; agentId: string; createdAt: number; expiresAt: number },
): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({
      id: row.id,
      agent_id: row.agentId,
      created_at: row.createdAt,
      expires_at: row.expiresAt,
      used_at: null,
    })
    .execute();
}

/** A reset link with the agent it is for (the caller checks it is unused, unexpired, active). */
export interface ResetLink extends Pick<AgentRow, 'email' | 'name' | 'disabled_at'> {
  agent_id: string;
  expires_at: number;
  used_at: number | null;
}

export function findResetLink(db: Store, id: string): Promise<ResetLink | undefined> {
  return db
    .selectFrom('password_resets as r')
    .innerJoin('agents as a', 'a.id', 'r.agent_id')
    .select(['r.agent_id', 'r.expires_at', 'r.used_at', 'a.email', 'a.name', 'a.disabled_at'])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** Marks the link used; false when it was already (two requests raced: one wins). */
export async function spendResetLink(db: Store, id: string, now: number): Promise<boolean> {
  const spent = await db
    .updateTable('password_resets')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(spent.numUpdatedRows) === 1;
}

/** Deletes the agent's reset links, but for `except` when given. */
export async function deleteResetLinksOf(
  db: Store,
  agentId: string,
  except?: string,
): Promise<void> {
  let query = db.deleteFrom('password_resets').where('agent_id', '=', agentId);
  if (except !== undefined) query = query.where('id', '!=', except);
  await query.execute();
}
