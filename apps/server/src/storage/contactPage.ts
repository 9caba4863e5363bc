import { sql } from 'kysely';
import type { AccessScope } from '../domain/access.js';
import { conversationVisible } from './access.js';
import type { ConversationRow, TicketRow, VisitorRow } from './schema.js';
import type { ChatAccess } from './search.js';
import type { Store } from './store.js';

/**
 * Everything Parley holds that hangs off one contact, through its visitors: what the contact
 * page lists, and what an export or erasure of the contact walks. Lists are newest first.
 */

/** How many of each kind the contact page shows. */
const PAGE_LIMIT = 200;

export type ContactVisitor = Pick<VisitorRow, 'id' | 'code' | 'name' | 'email' | 'last_seen_at'>;

export function visitorsOfContact(db: Store, contactId: string): Promise<ContactVisitor[]> {
  return db
    .selectFrom('visitors')
    .select(['id', 'code', 'name', 'email', 'last_seen_at'])
    .where('contact_id', '=', contactId)
    .orderBy('last_seen_at', 'desc')
    .orderBy('id')
    .execute();
}

export type ContactConversation = Pick<
  ConversationRow,
  'id' | 'visitor_id' | 'status' | 'title' | 'last_message_body' | 'created_at' | 'closed_at'
> & { assignee_name: string | null; first_message: string | null };

/** The chats of the contact's visitors that `access` (a condition on `c`) lets the reader open. */
export function conversationsOfContact(
  db: Store,
  contactId: string,
  access: ChatAccess,
): Promise<ContactConversation[]> {
  let q = db
    .selectFrom('conversations as c')
    .innerJoin('visitors as v', 'v.id', 'c.visitor_id')
    .leftJoin('agents as a', 'a.id', 'c.assignee_id')
    .select([
      'c.id',
      'c.visitor_id',
      'c.status',
      'c.title',
      'c.last_message_body',
      'c.created_at',
      'c.closed_at',
      'a.name as assignee_name',
      // What the visitor came with names the chat better than its latest line.
      (eb) =>
        eb
          .selectFrom('messages as m')
          .select('m.body')
          .whereRef('m.conversation_id', '=', 'c.id')
          .where('m.author_type', '=', 'visitor')
          .where('m.visibility', '=', 'public')
          .orderBy('m.seq')
          .limit(1)
          .as('first_message'),
    ])
    .where('v.contact_id', '=', contactId);
  if (access) q = q.where(sql<boolean>`${access}`);
  return q.orderBy('c.created_at', 'desc').orderBy('c.id', 'desc').limit(PAGE_LIMIT).execute();
}

export type ContactTicket = Pick<TicketRow, 'id' | 'subject' | 'message' | 'status' | 'created_at'>;

/** The tickets of the contact's visitors of the reader's sites and departments. */
export function ticketsOfContact(
  db: Store,
  contactId: string,
  scope: AccessScope,
): Promise<ContactTicket[]> {
  return db
    .selectFrom('tickets as t')
    .innerJoin('visitors as v', 'v.id', 't.visitor_id')
    .select(['t.id', 't.subject', 't.message', 't.status', 't.created_at'])
    .where('v.contact_id', '=', contactId)
    .where(conversationVisible(scope, 't'))
    .orderBy('t.created_at', 'desc')
    .orderBy('t.id', 'desc')
    .limit(PAGE_LIMIT)
    .execute();
}

export interface ContactFile {
  id: string;
  name: string;
  content_type: string;
  size: number;
  conversation_id: string | null;
  ticket_id: string | null;
  created_at: number;
}

/** Files sent in those chats and brought by emails to those tickets. */
export async function filesOfContact(
  db: Store,
  contactId: string,
  chats: ChatAccess,
  scope: AccessScope,
): Promise<ContactFile[]> {
  let inChats = db
    .selectFrom('attachments as f')
    .innerJoin('conversations as c', 'c.id', 'f.conversation_id')
    .innerJoin('visitors as v', 'v.id', 'c.visitor_id')
    .select(['f.id', 'f.name', 'f.content_type', 'f.size', 'f.conversation_id', 'f.created_at'])
    .where('v.contact_id', '=', contactId)
    .where('f.message_id', 'is not', null)
    .where('f.deleted_at', 'is', null);
  if (chats) inChats = inChats.where(sql<boolean>`${chats}`);
  const [chatFiles, ticketFiles] = await Promise.all([
    inChats.orderBy('f.created_at', 'desc').limit(PAGE_LIMIT).execute(),
    db
      .selectFrom('ticket_attachments as f')
      .innerJoin('tickets as t', 't.id', 'f.ticket_id')
      .innerJoin('visitors as v', 'v.id', 't.visitor_id')
      .select(['f.id', 'f.name', 'f.content_type', 'f.size', 'f.ticket_id', 'f.created_at'])
      .where('v.contact_id', '=', contactId)
      .where(conversationVisible(scope, 't'))
      .orderBy('f.created_at', 'desc')
      .limit(PAGE_LIMIT)
      .execute(),
  ]);
  return [
    ...chatFiles.map((f) => ({ ...f, ticket_id: null })),
    ...ticketFiles.map((f) => ({ ...f, conversation_id: null })),
  ]
    .sort((a, b) => b.created_at - a.created_at)
    .slice(0, PAGE_LIMIT);
}
