import { sql } from 'kysely';
import type { Dialect } from './database.js';
import { deleteTickets } from './ticketRetention.js';
import type { Store, Tx } from './store.js';

/** How many rows of each kind an erasure removed: what its audit entry records. */
export interface ErasedCounts {
  visitors: number;
  conversations: number;
  messages: number;
  files: number;
  pageViews: number;
  tickets: number;
}

/**
 * Deletes these visitors and everything that hangs off them: their chats whole (both sides,
 * notes included), tickets, page views, invitations, bans and files (rows; the bytes' keys are
 * queued in `file_removals` for removal after the commit). SQLite's full-text copies go too;
 * PostgreSQL's indexes are on the rows themselves. Run it inside one transaction.
 */
export async function eraseVisitorRows(
  tx: Tx,
  dialect: Dialect,
  visitorIds: readonly string[],
  now: number,
): Promise<ErasedCounts> {
  const ids = [...visitorIds];
  const chats = await tx
    .selectFrom('conversations')
    .select('id')
    .where('visitor_id', 'in', ids)
    .execute();
  const chatIds = chats.map((c) => c.id);
  const ticketIds = (
    await tx
      .selectFrom('tickets')
      .select('id')
      .where((eb) =>
        eb.or([
          eb('visitor_id', 'in', ids),
          ...(chatIds.length ? [eb('conversation_id', 'in', chatIds)] : []),
        ]),
      )
      .execute()
  ).map((t) => t.id);
  const keys = await deleteTickets(tx, ticketIds);
  const chatCounts = await eraseChats(tx, dialect, chatIds);
  if (dialect === 'sqlite')
    await sql`DELETE FROM visitor_search WHERE visitor_id IN (${sql.join(ids)})`.execute(tx);
  await tx.deleteFrom('proactive_invitations').where('visitor_id', 'in', ids).execute();
  await tx.deleteFrom('bans').where('visitor_id', 'in', ids).execute();
  const views = await tx.deleteFrom('page_views').where('visitor_id', 'in', ids).executeTakeFirst();
  const gone = await tx.deleteFrom('visitors').where('id', 'in', ids).executeTakeFirst();
  await queueFileRemovals(tx, [...keys, ...chatCounts.keys], now);
  return {
    visitors: Number(gone.numDeletedRows),
    conversations: chatIds.length,
    messages: chatCounts.messages,
    files: keys.length + chatCounts.keys.length,
    pageViews: Number(views.numDeletedRows),
    tickets: ticketIds.length,
  };
}

/** Deletes these chats with every row that points at them. */
async function eraseChats(
  tx: Tx,
  dialect: Dialect,
  chatIds: string[],
): Promise<{ messages: number; keys: string[] }> {
  if (chatIds.length === 0) return { messages: 0, keys: [] };
  const files = await tx
    .selectFrom('attachments')
    .select('storage_key')
    .where('conversation_id', 'in', chatIds)
    .where('deleted_at', 'is', null)
    .execute();
  if (dialect === 'sqlite') {
    const ofChats = sql`(SELECT id FROM messages WHERE conversation_id IN (${sql.join(chatIds)}))`;
    await sql`DELETE FROM message_search WHERE message_id IN ${ofChats}`.execute(tx);
    await sql`DELETE FROM search_pending WHERE message_id IN ${ofChats}`.execute(tx);
  }
  await tx.deleteFrom('attachments').where('conversation_id', 'in', chatIds).execute();
  await tx.deleteFrom('proactive_invitations').where('conversation_id', 'in', chatIds).execute();
  for (const table of [
    'read_marks',
    'offers',
    'participants',
    'invitations',
    'conversation_tags',
    'conversation_title_words',
    'routing_events',
  ] as const)
    await tx.deleteFrom(table).where('conversation_id', 'in', chatIds).execute();
  const messages = await tx
    .deleteFrom('messages')
    .where('conversation_id', 'in', chatIds)
    .executeTakeFirst();
  await tx.deleteFrom('conversations').where('id', 'in', chatIds).execute();
  return { messages: Number(messages.numDeletedRows), keys: files.map((f) => f.storage_key) };
}

async function queueFileRemovals(tx: Tx, keys: string[], now: number): Promise<void> {
  if (keys.length === 0) return;
  await tx
    .insertInto('file_removals')
    .values(keys.map((storage_key) => ({ storage_key, queued_at: now })))
    .onConflict((oc) => oc.column('storage_key').doNothing())
    .execute();
}

/** Up to `limit` keys whose bytes are still to be removed, oldest first. */
export async function pendingFileRemovals(db: Store, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('file_removals')
    .select('storage_key')
    .orderBy('queued_at')
    .orderBy('storage_key')
    .limit(limit)
    .execute();
  return rows.map((r) => r.storage_key);
}

/** The bytes of this key are gone. */
export async function fileRemoved(db: Store, key: string): Promise<void> {
  await db.deleteFrom('file_removals').where('storage_key', '=', key).execute();
}
