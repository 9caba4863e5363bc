import type { ColumnType } from 'kysely';
import type { Millis } from './millis.js';

export interface TicketsTable {
  id: string;
  site_id: string;
  visitor_id: string | null;
  conversation_id: string | null;
  name: string;
  email: string;
  /** The first message's text (the form's message, an email's shown text). */
  message: string;
  status: 'open' | 'pending' | 'solved' | 'closed';
  created_at: Millis;
  assignee_id: ColumnType<string | null, string | null | undefined, string | null>;
  department_id: ColumnType<string | null, string | null | undefined, string | null>;
  priority: ColumnType<'low' | 'normal' | 'high' | 'urgent', string | undefined, string>;
  /** web_form, email, chat; messenger channels later. */
  channel: ColumnType<'web_form' | 'email' | 'chat', string | undefined, string>;
  subject: ColumnType<string | null, string | null | undefined, string | null>;
  /** The secret of the Reply-To address (support+t-<token>@...) that routes answers back here. */
  reply_token: ColumnType<string | null, string | null | undefined, string | null>;
  /** The latest message or change. */
  updated_at: ColumnType<number, number | undefined, number>;
}

export interface TicketMessagesTable {
  id: string;
  ticket_id: string;
  /** in: from the customer; out: an agent's reply or note. */
  direction: 'in' | 'out';
  /** 1: an internal note, never emailed. */
  internal: number;
  author_type: 'customer' | 'agent';
  author_id: string | null;
  author_name: string | null;
  author_email: string | null;
  /** What is shown: quoted history and signature trimmed. */
  body: string;
  /** The email exactly as received (or sent). */
  raw: Buffer | null;
  /** RFC 5322 Message-ID, without angle brackets. */
  message_id: string | null;
  in_reply_to: string | null;
  /** 1: an auto-reply, bounce or list message. */
  auto: number;
  delivery: 'sending' | 'sent' | 'failed' | null;
  created_at: Millis;
}

/** A file an email brought to a ticket; the bytes are in the FileStore under storage_key. */
export interface TicketAttachmentsTable {
  id: string;
  ticket_id: string;
  message_id: string;
  name: string;
  content_type: string;
  size: number;
  storage_key: string;
  created_at: Millis;
}
