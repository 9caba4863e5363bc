import type { Store } from './store.js';

/**
 * What a data export of some visitors reads: their personal data and their conversations and
 * tickets as they saw them. Agents' private notes and internal ticket notes are not read at all,
 * nor the visitor's token hash, nor the raw emails (their shown text is read).
 */

const visitorColumns = [
  'id',
  'site_id',
  'code',
  'name',
  'email',
  'contact_id',
  'created_at',
  'last_seen_at',
  'language',
  'time_zone',
  'ip',
  'country',
  'region',
  'city',
  'geo_time_zone',
  'browser',
  'os',
  'device_type',
  'referrer',
  'current_url',
  'current_title',
  'visit_started_at',
  'visits',
  'page_views',
  'attributes',
  'verified',
] as const;

const conversationColumns = [
  'id',
  'visitor_id',
  'status',
  'created_at',
  'closed_at',
  'start_url',
  'start_title',
  'prechat',
  'rating',
  'rating_comment',
  'rated_at',
] as const;

/** A file to put in the archive: where its bytes are and the name it had. */
export interface ExportFile {
  id: string;
  name: string;
  content_type: string;
  size: number;
  storage_key: string;
  created_at: number;
}

export async function exportVisitorRows(db: Store, visitorIds: readonly string[]) {
  const ids = [...visitorIds];
  if (ids.length === 0) return null;
  const visitors = await db
    .selectFrom('visitors')
    .select(visitorColumns)
    .where('id', 'in', ids)
    .execute();
  const pageViews = await db
    .selectFrom('page_views')
    .select(['visitor_id', 'url', 'title', 'at'])
    .where('visitor_id', 'in', ids)
    .orderBy('at')
    .execute();
  const conversations = await db
    .selectFrom('conversations')
    .select(conversationColumns)
    .where('visitor_id', 'in', ids)
    .orderBy('created_at')
    .execute();
  const invitations = await db
    .selectFrom('proactive_invitations')
    .select(['visitor_id', 'message', 'status', 'created_at', 'answered_at'])
    .where('visitor_id', 'in', ids)
    .orderBy('created_at')
    .execute();
  return {
    visitors,
    pageViews,
    conversations,
    invitations,
    ...(await publicChatRows(
      db,
      conversations.map((c) => c.id),
    )),
    ...(await customerTicketRows(db, ids)),
  };
}

export type VisitorExportRows = NonNullable<Awaited<ReturnType<typeof exportVisitorRows>>>;

/** The public messages of these chats (what the visitor saw) and the files they carry. */
async function publicChatRows(db: Store, conversationIds: string[]) {
  if (conversationIds.length === 0) return { messages: [], chatFiles: [] as ExportFile[] };
  const messages = await db
    .selectFrom('messages')
    .select([
      'conversation_id',
      'public_seq',
      'author_type',
      'author_name',
      'body',
      'kind',
      'payload',
      'created_at',
    ])
    .where('conversation_id', 'in', conversationIds)
    .where('visibility', '=', 'public')
    .orderBy('conversation_id')
    .orderBy('seq')
    .execute();
  // A file is the visitor's when it rides on a public message, or when they uploaded it.
  const chatFiles = await db
    .selectFrom('attachments as f')
    .leftJoin('messages as m', 'm.id', 'f.message_id')
    .select(['f.id', 'f.name', 'f.content_type', 'f.size', 'f.storage_key', 'f.created_at'])
    .where('f.conversation_id', 'in', conversationIds)
    .where('f.deleted_at', 'is', null)
    .where((eb) =>
      eb.or([eb('m.visibility', '=', 'public'), eb('f.uploader_type', '=', 'visitor')]),
    )
    .orderBy('f.created_at')
    .execute();
  return { messages, chatFiles };
}

/** The visitors' tickets, their messages but internal notes, and the files of those messages. */
async function customerTicketRows(db: Store, visitorIds: string[]) {
  const tickets = await db
    .selectFrom('tickets')
    .select([
      'id',
      'visitor_id',
      'conversation_id',
      'channel',
      'subject',
      'name',
      'email',
      'message',
      'status',
      'created_at',
      'updated_at',
    ])
    .where('visitor_id', 'in', visitorIds)
    .orderBy('created_at')
    .execute();
  const ticketIds = tickets.map((t) => t.id);
  if (ticketIds.length === 0)
    return { tickets, ticketMessages: [], ticketFiles: [] as ExportFile[] };
  const ticketMessages = await db
    .selectFrom('ticket_messages')
    .select([
      'id',
      'ticket_id',
      'direction',
      'author_type',
      'author_name',
      'author_email',
      'body',
      'created_at',
    ])
    .where('ticket_id', 'in', ticketIds)
    .where('internal', '=', 0)
    .orderBy('created_at')
    .execute();
  const ticketFiles = await db
    .selectFrom('ticket_attachments as f')
    .innerJoin('ticket_messages as m', 'm.id', 'f.message_id')
    .select(['f.id', 'f.name', 'f.content_type', 'f.size', 'f.storage_key', 'f.created_at'])
    .where('f.ticket_id', 'in', ticketIds)
    .where('m.internal', '=', 0)
    .orderBy('f.created_at')
    .execute();
  return { tickets, ticketMessages, ticketFiles };
}

/** The visitor's id, site and code, for checks before an export or an erasure. */
export function privacyVisitor(db: Store, id: string) {
  return db
    .selectFrom('visitors')
    .select(['id', 'site_id', 'code', 'contact_id'])
    .where('id', '=', id)
    .executeTakeFirst();
}
