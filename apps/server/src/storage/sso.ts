import { agentColumns, type AgentRow } from './schema.js';
import type { Store } from './store.js';

/**
 * Single sign-on: provider accounts linked to agents, sign-ins on their way through the
 * provider (attempts), and those waiting for a second factor (tickets). Attempts and tickets
 * are stored under the hash of the state or ticket the browser holds.
 */

/** The agent a provider account (issuer + subject) is linked to, whatever their state. */
export function findLinkedAgent(
  db: Store,
  issuer: string,
  subject: string,
): Promise<AgentRow | undefined> {
  return db
    .selectFrom('sso_links as l')
    .innerJoin('agents as a', 'a.id', 'l.agent_id')
    .select(agentColumns.map((c) => `a.${c}` as const))
    .where('l.issuer', '=', issuer)
    .where('l.subject', '=', subject)
    .executeTakeFirst();
}

/** Links a provider account to an agent; a link already there (a racing sign-in) stays. */
export async function linkProviderAccount(
  db: Store,
  link: { issuer: string; subject: string; agentId: string; at: number },
): Promise<void> {
  await db
    .insertInto('sso_links')
    .values({
      issuer: link.issuer,
      subject: link.subject,
      agent_id: link.agentId,
      created_at: link.at,
    })
    .onConflict((oc) => oc.columns(['issuer', 'subject']).doNothing())
    .execute();
}

export interface SsoAttempt {
  id: string;
  code_verifier: string;
  nonce: string;
  return_to: string;
  created_at: number;
  expires_at: number;
}

/** Stores a new attempt, first clearing those expired by `now`. */
export async function storeSsoAttempt(db: Store, attempt: SsoAttempt, now: number): Promise<void> {
  await db.deleteFrom('sso_attempts').where('expires_at', '<=', now).execute();
  await db.insertInto('sso_attempts').values(attempt).execute();
}

/** Removes the attempt and returns it, in one statement: a replayed callback finds none. */
export function takeSsoAttempt(db: Store, id: string): Promise<SsoAttempt | undefined> {
  return db.deleteFrom('sso_attempts').where('id', '=', id).returningAll().executeTakeFirst();
}

export interface SecondFactorTicket {
  id: string;
  agent_id: string;
  return_to: string;
  expires_at: number;
}

/** Stores a ticket waiting for a code, first clearing those expired by `now`. */
export async function storeSecondFactorTicket(
  db: Store,
  ticket: SecondFactorTicket,
  now: number,
): Promise<void> {
  await db.deleteFrom('sso_second_factor').where('expires_at', '<=', now).execute();
  await db.insertInto('sso_second_factor').values(ticket).execute();
}

/** A ticket with its agent (the caller checks expiry and activation). */
export function findSecondFactorTicket(
  db: Store,
  id: string,
): Promise<(AgentRow & Pick<SecondFactorTicket, 'return_to' | 'expires_at'>) | undefined> {
  return db
    .selectFrom('sso_second_factor as t')
    .innerJoin('agents as a', 'a.id', 't.agent_id')
    .select(agentColumns.map((c) => `a.${c}` as const))
    .select(['t.return_to', 't.expires_at'])
    .where('t.id', '=', id)
    .executeTakeFirst();
}

/** Deletes the ticket; false when another request spent it first. */
export async function spendSecondFactorTicket(db: Store, id: string): Promise<boolean> {
  const spent = await db.deleteFrom('sso_second_factor').where('id', '=', id).executeTakeFirst();
  return Number(spent.numDeletedRows) === 1;
}
