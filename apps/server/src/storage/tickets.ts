import type { TicketChannel, TicketPriority, TicketStatus } from '@parley/protocol';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { AccessScope } from '../domain/access.js';
import { conversationVisible } from './access.js';
import type { Database, TicketAttachmentRow, TicketMessageRow, TicketRow } from './schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** A ticket with the names lists show. */
export interface TicketView extends TicketRow {
  site_name: string;
  assignee_name: string | null;
  department_name: string | null;
}

export interface TicketFilters {
  status?: TicketStatus | undefined;
  /** An agent id, or null for "unassigned". */
  assigneeId?: string | null | undefined;
  departmentId?: string | undefined;
  priority?: TicketPriority | undefined;
  channel?: TicketChannel | undefined;
}

/**
 * Tickets one agent may see: those of their sites, and of a department of theirs or none
 * (domain/access.ts, the same rule as chats).
 */
function visibleTickets(db: Db, scope: AccessScope) {
  return db.selectFrom('tickets as t').where(conversationVisible(scope, 't'));
}

function withNames(db: Db, scope: AccessScope) {
  return visibleTickets(db, scope)
    .innerJoin('sites as s', 's.id', 't.site_id')
    .leftJoin('agents as a', 'a.id', 't.assignee_id')
    .leftJoin('departments as d', 'd.id', 't.department_id')
    .selectAll('t')
    .select(['s.name as site_name', 'a.name as assignee_name', 'd.name as department_name']);
}

type Filterable = ReturnType<typeof visibleTickets>;

function filtered<Q extends Filterable>(q: Q, f: TicketFilters): Q {
  let out = q as Filterable;
  if (f.status) out = out.where('t.status', '=', f.status);
  if (f.assigneeId === null) out = out.where('t.assignee_id', 'is', null);
  else if (f.assigneeId) out = out.where('t.assignee_id', '=', f.assigneeId);
  if (f.departmentId) out = out.where('t.department_id', '=', f.departmentId);
  if (f.priority) out = out.where('t.priority', '=', f.priority);
  if (f.channel) out = out.where('t.channel', '=', f.channel);
  return out as Q;
}

/** Most recently active first. */
export function listTicketViews(
  db: Db,
  scope: AccessScope,
  filters: TicketFilters,
  limit: number,
): Promise<TicketView[]> {
  return filtered(withNames(db, scope), filters)
    .orderBy('t.updated_at', 'desc')
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(limit)
    .execute();
}

/** Tickets per status under the filters other than status. */
export async function countByStatus(
  db: Db,
  scope: AccessScope,
  filters: TicketFilters,
): Promise<Record<TicketStatus, number>> {
  const rows = await filtered(visibleTickets(db, scope), { ...filters, status: undefined })
    .select(['t.status', sql<number>`count(*)`.as('n')])
    .groupBy('t.status')
    .execute();
  const counts: Record<TicketStatus, number> = { open: 0, pending: 0, solved: 0, closed: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

/** Open tickets assigned to this agent or to nobody. */
export async function badgeCount(db: Db, scope: AccessScope, agentId: string): Promise<number> {
  const row = await visibleTickets(db, scope)
    .where('t.status', '=', 'open')
    .where((eb) => eb.or([eb('t.assignee_id', 'is', null), eb('t.assignee_id', '=', agentId)]))
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function ticketView(
  db: Db,
  scope: AccessScope,
  id: string,
): Promise<TicketView | undefined> {
  return withNames(db, scope).where('t.id', '=', id).executeTakeFirst();
}

/** The thread, oldest first; the raw originals stay behind. */
export function threadOf(db: Db, ticketId: string): Promise<Array<TicketMessageListed>> {
  return db
    .selectFrom('ticket_messages')
    .select([
      'id',
      'ticket_id',
      'direction',
      'internal',
      'author_type',
      'author_id',
      'author_name',
      'author_email',
      'body',
      'message_id',
      'in_reply_to',
      'auto',
      'delivery',
      'created_at',
    ])
    .select(sql<number>`case when raw is null then 0 else 1 end`.as('has_raw'))
    .where('ticket_id', '=', ticketId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export type TicketMessageListed = Omit<TicketMessageRow, 'raw'> & { has_raw: number };

/** The ticket a reply token belongs to. */
export function ticketByToken(db: Db, token: string): Promise<TicketRow | undefined> {
  return db.selectFrom('tickets').selectAll().where('reply_token', '=', token).executeTakeFirst();
}

/** The ticket of a reply Parley sent with one of these Message-IDs. */
export async function ticketBySentMessageIds(
  db: Db,
  messageIds: readonly string[],
): Promise<TicketRow | undefined> {
  if (messageIds.length === 0) return undefined;
  return db
    .selectFrom('ticket_messages as m')
    .innerJoin('tickets as t', 't.id', 'm.ticket_id')
    .selectAll('t')
    .where('m.direction', '=', 'out')
    .where('m.internal', '=', 0)
    .where('m.message_id', 'in', [...messageIds])
    .orderBy('m.created_at', 'desc')
    .executeTakeFirst();
}

/** Whether this email was already received (an MTA delivering it again). */
export async function receivedBefore(db: Db, messageId: string): Promise<boolean> {
  const row = await db
    .selectFrom('ticket_messages')
    .select('id')
    .where('direction', '=', 'in')
    .where('message_id', '=', messageId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The raw original of one message of a ticket. */
export async function rawOf(db: Db, ticketId: string, messageId: string): Promise<Buffer | null> {
  const row = await db
    .selectFrom('ticket_messages')
    .select('raw')
    .where('ticket_id', '=', ticketId)
    .where('id', '=', messageId)
    .executeTakeFirst();
  return row?.raw ? Buffer.from(row.raw) : null;
}

/** Whether an insert failed on a unique index (both dialects). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string } | null)?.code ?? '';
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** The files of a ticket's emails, oldest first. */
export function attachmentsOf(db: Db, ticketId: string): Promise<TicketAttachmentRow[]> {
  return db
    .selectFrom('ticket_attachments')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export function attachmentOf(
  db: Db,
  ticketId: string,
  id: string,
): Promise<TicketAttachmentRow | undefined> {
  return db
    .selectFrom('ticket_attachments')
    .selectAll()
    .where('ticket_id', '=', ticketId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The tickets made from one chat that this agent may see, newest first. */
export function ticketsOfChat(
  db: Db,
  scope: AccessScope,
  conversationId: string,
): Promise<TicketView[]> {
  return withNames(db, scope)
    .where('t.conversation_id', '=', conversationId)
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .execute();
}
