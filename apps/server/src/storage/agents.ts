import type { Selectable } from 'kysely';
import { agentColumns, type AgentRow, type AgentsTable } from './schema.js';
import type { Store } from './store.js';

/**
 * Agent accounts as accounts/ manages them: who exists, their profile, activation. Sign-in
 * secrets live in sessions.ts, passwordResets.ts, twoFactor.ts and sso.ts.
 */

/** Every column, the password hash and two-factor secrets included: for sign-in only. */
export type AgentAccount = Selectable<AgentsTable>;

/** Agents by name: all of them, or only those not deactivated. */
export function agentsByName(
  db: Store,
  opts: { includeDeactivated: boolean },
): Promise<AgentRow[]> {
  let query = db.selectFrom('agents').select(agentColumns).orderBy('name');
  if (!opts.includeDeactivated) query = query.where('disabled_at', 'is', null);
  return query.execute();
}

export function findAgent(db: Store, id: string): Promise<AgentRow | undefined> {
  return db.selectFrom('agents').select(agentColumns).where('id', '=', id).executeTakeFirst();
}

export async function agentExists(db: Store, id: string): Promise<boolean> {
  const row = await db.selectFrom('agents').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/** The agent (deactivated or not) with this email, already lower-cased. */
export function findAgentByEmail(db: Store, email: string): Promise<AgentRow | undefined> {
  return db.selectFrom('agents').select(agentColumns).where('email', '=', email).executeTakeFirst();
}

export async function emailTaken(db: Store, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('agents')
    .select('id')
    .where('email', '=', email)
    .executeTakeFirst();
  return row !== undefined;
}

/** The active agent with this email, with the password hash and secrets sign-in checks. */
export function findSignInAccount(db: Store, email: string): Promise<AgentAccount | undefined> {
  return db
    .selectFrom('agents')
    .selectAll()
    .where('email', '=', email)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

/** Whom a reset link is mailed to: the active agent with this email. */
export function findResetRecipient(
  db: Store,
  email: string,
): Promise<Pick<AgentRow, 'id' | 'name' | 'email'> | undefined> {
  return db
    .selectFrom('agents')
    .select(['id', 'name', 'email'])
    .where('email', '=', email)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

/** Inserts an agent; the unique index on email refuses a second one. */
export async function insertAgent(
  db: Store,
  row: AgentRow & { password_hash: string },
): Promise<void> {
  await db.insertInto('agents').values(row).execute();
}

export async function updateAgentProfile(
  db: Store,
  id: string,
  set: Partial<Pick<AgentRow, 'name' | 'role' | 'max_chats'>>,
): Promise<void> {
  await db.updateTable('agents').set(set).where('id', '=', id).execute();
}

/** Sets the profile photo's URL (null: none) and returns the agent as it is now. */
export function setAgentAvatar(db: Store, id: string, url: string | null): Promise<AgentRow> {
  return db
    .updateTable('agents')
    .set({ avatar_url: url })
    .where('id', '=', id)
    .returning(agentColumns)
    .executeTakeFirstOrThrow();
}

export async function passwordHashOf(db: Store, agentId: string): Promise<string> {
  const row = await db
    .selectFrom('agents')
    .select('password_hash')
    .where('id', '=', agentId)
    .executeTakeFirstOrThrow();
  return row.password_hash;
}

export async function setPasswordHash(db: Store, agentId: string, hash: string): Promise<void> {
  await db.updateTable('agents').set({ password_hash: hash }).where('id', '=', agentId).execute();
}

/** Marks an active agent deactivated and offline; false when they already were deactivated. */
export async function markAgentDeactivated(db: Store, id: string, now: number): Promise<boolean> {
  const changed = await db
    .updateTable('agents')
    .set({ disabled_at: now, status: 'offline', disconnected_at: now })
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return Number(changed.numUpdatedRows) > 0;
}

export async function markAgentReactivated(db: Store, id: string): Promise<void> {
  await db.updateTable('agents').set({ disabled_at: null }).where('id', '=', id).execute();
}

/** The chats an agent is serving now. */
export async function activeChatIdsOf(db: Store, agentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('conversations')
    .select('id')
    .where('assignee_id', '=', agentId)
    .where('status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Returns a chat the agent was serving to the queue, at its old place; false when it is no
 * longer theirs and active (it changed meanwhile).
 */
export async function requeueChatOf(
  db: Store,
  conversationId: string,
  agentId: string,
): Promise<boolean> {
  const back = await db
    .updateTable('conversations')
    .set({ status: 'queued', assignee_id: null })
    .where('id', '=', conversationId)
    .where('assignee_id', '=', agentId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(back.numUpdatedRows) === 1;
}
