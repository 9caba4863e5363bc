import type { Store } from './store.js';
import type {
  TicketAttachmentRow,
  TicketMessageRow,
  TicketRow,
  TicketsTable,
  VisitorRow,
} from './schema.js';
import type { Updateable } from 'kysely';
import { agentColumns, type AgentRow } from './schema.js';

/** A new ticket with its first messages and the files they brought (run it in a transaction). */
export async function insertTicket(
  db: Store,
  ticket: TicketRow,
  messages: readonly TicketMessageRow[],
  files: readonly TicketAttachmentRow[] = [],
): Promise<void> {
  await db.insertInto('tickets').values(ticket).execute();
  if (messages.length)
    await db
      .insertInto('ticket_messages')
      .values([...messages])
      .execute();
  if (files.length)
    await db
      .insertInto('ticket_attachments')
      .values([...files])
      .execute();
}

/** A message added to a ticket's thread, with its files (run it in a transaction). */
export async function insertTicketMessage(
  db: Store,
  row: TicketMessageRow,
  files: readonly TicketAttachmentRow[] = [],
): Promise<void> {
  await db.insertInto('ticket_messages').values(row).execute();
  if (files.length)
    await db
      .insertInto('ticket_attachments')
      .values([...files])
      .execute();
}

/** Status, priority, assignee, department, customer address or the time of the latest change. */
export async function setTicketFields(
  db: Store,
  id: string,
  set: Pick<
    Updateable<TicketsTable>,
    'status' | 'priority' | 'assignee_id' | 'department_id' | 'email' | 'updated_at'
  >,
): Promise<void> {
  await db.updateTable('tickets').set(set).where('id', '=', id).execute();
}

/** The ticket's reply token: `fresh` stored if it had none, else the one it has. */
export async function ensureReplyToken(db: Store, id: string, fresh: string): Promise<string> {
  await db
    .updateTable('tickets')
    .set({ reply_token: fresh })
    .where('id', '=', id)
    .where('reply_token', 'is', null)
    .execute();
  const row = await db
    .selectFrom('tickets')
    .select('reply_token')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.reply_token ?? fresh;
}

export async function setDelivery(
  db: Store,
  messageId: string,
  delivery: 'sent' | 'failed',
): Promise<void> {
  await db.updateTable('ticket_messages').set({ delivery }).where('id', '=', messageId).execute();
}

export function visitorRow(db: Store, id: string): Promise<VisitorRow | undefined> {
  return db.selectFrom('visitors').selectAll().where('id', '=', id).executeTakeFirst();
}

/** What a visitor typed in the message form: theirs to correct later. */
export async function setVisitorContact(
  db: Store,
  id: string,
  contact: { name: string; email: string },
): Promise<void> {
  await db.updateTable('visitors').set(contact).where('id', '=', id).execute();
}

/** The visitor's chat still waiting for an agent, if any. */
export function waitingChatOf(
  db: Store,
  visitorId: string,
): Promise<{ id: string; department_id: string | null } | undefined> {
  return db
    .selectFrom('conversations')
    .select(['id', 'department_id'])
    .where('visitor_id', '=', visitorId)
    .where('status', 'in', ['queued', 'offered'])
    .executeTakeFirst();
}

export function activeAgent(db: Store, id: string): Promise<AgentRow | undefined> {
  return db
    .selectFrom('agents')
    .select(agentColumns)
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

export async function departmentExists(db: Store, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('departments')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row !== undefined;
}

/** The site new email goes to: the one with this key, else the oldest live site. */
export async function inboundSiteId(db: Store, key: string | null): Promise<string | undefined> {
  let q = db.selectFrom('sites').select('id').where('deleted_at', 'is', null);
  if (key) q = q.where('key', '=', key);
  const site = await q.orderBy('created_at').orderBy('id').executeTakeFirst();
  return site?.id;
}

/** The chat's routing log records that a ticket was made from it (detail: the ticket's id). */
export async function logTicketed(
  db: Store,
  e: { id: string; conversationId: string; agentId: string | null; ticketId: string; at: number },
): Promise<void> {
  await db
    .insertInto('routing_events')
    .values({
      id: e.id,
      conversation_id: e.conversationId,
      kind: 'ticketed',
      agent_id: e.agentId,
      actor_id: e.agentId,
      detail: e.ticketId,
      at: e.at,
    })
    .execute();
}
