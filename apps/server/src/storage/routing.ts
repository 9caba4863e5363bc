import type { Selectable } from 'kysely';
import type { Dialect } from './database.js';
import {
  agentColumns,
  type AgentRow,
  type ConversationRow,
  type Distribution,
  type RoutingEventsTable,
} from './schema.js';
import type { Store, Tx } from './store.js';

export type RoutingEventRow = Selectable<RoutingEventsTable>;

/**
 * What routing reads and writes besides offers (offers.ts): the waiting line, agents' load and
 * connection, chats left behind.
 */

type Place = Pick<ConversationRow, 'id' | 'site_id' | 'department_id'>;
type Waiting = Pick<ConversationRow, 'id' | 'status'>;

/** Active chats per agent; with `agentIds`, of those agents only. */
export async function activeChatCounts(
  db: Store,
  agentIds?: readonly string[],
): Promise<Map<string, number>> {
  let q = db
    .selectFrom('conversations')
    .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'active');
  q = agentIds ? q.where('assignee_id', 'in', agentIds) : q.where('assignee_id', 'is not', null);
  const rows = await q.groupBy('assignee_id').execute();
  return new Map(rows.map((r) => [r.assignee_id!, Number(r.n)]));
}

/** Every agent-to-site link. */
export function agentSiteLinks(db: Store): Promise<Array<{ agent_id: string; site_id: string }>> {
  return db.selectFrom('agent_sites').selectAll().execute();
}

/**
 * Locks the agents' rows in id order (so two nodes never deadlock) for one offer decision. On
 * PostgreSQL FOR NO KEY UPDATE, not FOR UPDATE: it still excludes another pass (and UPDATEs of
 * the row), but not the KEY SHARE lock a foreign-key check takes. An accept (`UPDATE
 * conversations SET assignee_id`) holds the chat's row and checks the agent's; with FOR UPDATE
 * here it waited on us while we waited on the chat's row: a deadlock, seen as INTERNAL.
 */
export function lockAgentsForOffer(
  tx: Tx,
  agentIds: readonly string[],
  dialect: Dialect,
): Promise<Array<Pick<AgentRow, 'id' | 'status' | 'max_chats' | 'disabled_at'>>> {
  let locking = tx
    .selectFrom('agents')
    .select(['id', 'status', 'max_chats', 'disabled_at'])
    .where('id', 'in', agentIds)
    .orderBy('id');
  if (dialect === 'postgres') locking = locking.forNoKeyUpdate();
  return locking.execute();
}

/** A queued, unowned chat becomes offered; false when another node got there first. */
export async function markChatOffered(db: Store, conversationId: string): Promise<boolean> {
  const claimed = await db
    .updateTable('conversations')
    .set({ status: 'offered' })
    .where('id', '=', conversationId)
    .where('status', '=', 'queued')
    .where('assignee_id', 'is', null)
    .executeTakeFirst();
  return Number(claimed.numUpdatedRows) > 0;
}

/** Remembers when these agents were last offered a chat (round robin reads it). */
export async function stampLastOffered(
  db: Store,
  agentIds: readonly string[],
  now: number,
): Promise<void> {
  await db
    .updateTable('agents')
    .set({ last_offered_at: now })
    .where('id', 'in', agentIds)
    .execute();
}

/** Queued chats, longest waiting first, at most `limit`. */
export function queuedChats(
  db: Store,
  limit: number,
): Promise<Array<Place & Pick<ConversationRow, 'status' | 'assignee_id'>>> {
  return db
    .selectFrom('conversations')
    .select(['id', 'site_id', 'department_id', 'status', 'assignee_id'])
    .where('status', '=', 'queued')
    .orderBy('queued_at', 'asc')
    .orderBy('id', 'asc')
    .limit(limit)
    .execute();
}

/** How each department distributes its chats, by department id. */
export async function departmentMethods(db: Store): Promise<Map<string, Distribution>> {
  const rows = await db.selectFrom('departments').select(['id', 'distribution']).execute();
  return new Map(rows.map((d) => [d.id, d.distribution]));
}

/** The chats the agent owns and serves now, with where they belong. */
export function ownedActiveChats(db: Store, agentId: string): Promise<Place[]> {
  return db
    .selectFrom('conversations')
    .select(['id', 'site_id', 'department_id'])
    .where('assignee_id', '=', agentId)
    .where('status', '=', 'active')
    .execute();
}

/** The chats the agent is in as a colleague now, with where they belong and their state. */
export function joinedChats(
  db: Store,
  agentId: string,
): Promise<Array<Place & Pick<ConversationRow, 'status' | 'assignee_id'>>> {
  return db
    .selectFrom('participants as p')
    .innerJoin('conversations as c', 'c.id', 'p.conversation_id')
    .select(['c.id', 'c.status', 'c.assignee_id', 'c.site_id', 'c.department_id'])
    .where('p.agent_id', '=', agentId)
    .where('p.left_at', 'is', null)
    .execute();
}

/**
 * Chats left "offered" with no pending offer and none answered after `cutoff` (a routing pass
 * in progress keeps its chat), at most `limit`.
 */
export async function orphanedOfferedChats(
  db: Store,
  cutoff: number,
  limit: number,
): Promise<string[]> {
  const rows = await db
    .selectFrom('conversations as c')
    .select('c.id')
    .where('c.status', '=', 'offered')
    .where('c.assignee_id', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('offers as o')
            .select('o.id')
            .whereRef('o.conversation_id', '=', 'c.id')
            .where((eb) =>
              eb.or([eb('o.status', '=', 'pending'), eb('o.answered_at', '>', cutoff)]),
            ),
        ),
      ),
    )
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** An offered, unowned chat with no pending offer goes back to the queue; true when it did. */
export async function requeueOrphanedChat(db: Store, conversationId: string): Promise<boolean> {
  const back = await db
    .updateTable('conversations')
    .set({ status: 'queued' })
    .where('id', '=', conversationId)
    .where('status', '=', 'offered')
    .where('assignee_id', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('offers')
            .select('offers.id')
            .where('offers.conversation_id', '=', conversationId)
            .where('offers.status', '=', 'pending'),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(back.numUpdatedRows) > 0;
}

/** The agent has a connection again: no disconnect time. */
export async function clearAgentDisconnected(db: Store, agentId: string): Promise<void> {
  await db
    .updateTable('agents')
    .set({ disconnected_at: null })
    .where('id', '=', agentId)
    .where('disconnected_at', 'is not', null)
    .execute();
}

/** The agents' last connections closed at `at` (kept when one was already recorded). */
export async function markAgentsDisconnected(
  db: Store,
  agentIds: readonly string[],
  at: number,
): Promise<void> {
  await db
    .updateTable('agents')
    .set({ disconnected_at: at })
    .where('id', 'in', agentIds)
    .where('disconnected_at', 'is', null)
    .execute();
}

/** Enabled agents who are not Offline. */
export function agentsNotOffline(db: Store): Promise<AgentRow[]> {
  return db
    .selectFrom('agents')
    .select(agentColumns)
    .where('status', '!=', 'offline')
    .where('disabled_at', 'is', null)
    .execute();
}

/**
 * Waiting chats queued at or before `queuedBy` that were not yet announced as unserved since
 * they were queued, oldest first, at most `limit`.
 */
export function unannouncedLongWaits(
  db: Store,
  queuedBy: number,
  limit: number,
): Promise<Waiting[]> {
  return db
    .selectFrom('conversations as c')
    .select(['c.id', 'c.status'])
    .where('c.status', 'in', ['queued', 'offered'])
    .where('c.queued_at', '<=', queuedBy)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('routing_events as r')
            .select('r.id')
            .whereRef('r.conversation_id', '=', 'c.id')
            .where('r.kind', '=', 'unserved')
            .whereRef('r.at', '>=', 'c.queued_at'),
        ),
      ),
    )
    .orderBy('c.queued_at')
    .limit(limit)
    .execute();
}

/** The waiting line of one department (null: chats of none), in order, at most `limit`. */
export function waitingLine(
  db: Store,
  departmentId: string | null,
  limit: number,
): Promise<Waiting[]> {
  let q = db
    .selectFrom('conversations')
    .select(['id', 'status'])
    .where('status', 'in', ['queued', 'offered']);
  q =
    departmentId === null
      ? q.where('department_id', 'is', null)
      : q.where('department_id', '=', departmentId);
  return q.orderBy('queued_at').limit(limit).execute();
}

/** The routing log's own lines of a chat (offers are in offers.ts). */
export function routingEventsOfChat(db: Store, conversationId: string): Promise<RoutingEventRow[]> {
  return db
    .selectFrom('routing_events')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .execute();
}
