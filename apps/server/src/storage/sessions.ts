import { agentColumns, type AgentRow, type SessionRow } from './schema.js';
import type { Store } from './store.js';

/** Agents' sign-in sessions, stored under the hash of the cookie's token. */

export async function insertSession(db: Store, row: SessionRow): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

/** A session with its agent (whatever their state: the caller checks expiry and activation). */
export type SessionWithAgent = AgentRow &
  Pick<SessionRow, 'csrf_token' | 'expires_at' | 'last_seen_at'>;

export function findSessionWithAgent(db: Store, id: string): Promise<SessionWithAgent | undefined> {
  return db
    .selectFrom('sessions as s')
    .innerJoin('agents as a', 'a.id', 's.agent_id')
    .select(agentColumns.map((c) => `a.${c}` as const))
    .select(['s.csrf_token', 's.expires_at', 's.last_seen_at'])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

/** Sliding expiry: the session was seen `now` and lasts `ttlMs` from there. */
export async function extendSession(
  db: Store,
  id: string,
  now: number,
  ttlMs: number,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: now, expires_at: now + ttlMs })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Store, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Deletes an agent's sessions (all, or all but `keep`) and returns the ids that ended. */
export async function deleteSessionsOf(
  db: Store,
  agentId: string,
  keep?: string,
): Promise<string[]> {
  let query = db.selectFrom('sessions').select('id').where('agent_id', '=', agentId);
  if (keep) query = query.where('id', '!=', keep);
  const ended = (await query.execute()).map((s) => s.id);
  if (ended.length === 0) return [];
  await db.deleteFrom('sessions').where('id', 'in', ended).execute();
  return ended;
}
