import type { ColumnType } from 'kysely';
import type { Millis } from './millis.js';

export interface ConversationsTable {
  id: string;
  site_id: string;
  visitor_id: string;
  channel: 'web';
  status: 'queued' | 'offered' | 'active' | 'closed';
  assignee_id: string | null;
  department_id: string | null;
  subject: string | null;
  last_seq: number;
  /** Highest public_seq: how many public messages there are, all a visitor may know of the count. */
  last_public_seq: number;
  last_message_body: string | null;
  last_message_author: 'visitor' | 'agent' | 'system' | null;
  last_message_at: Millis | null;
  created_at: Millis;
  queued_at: Millis;
  accepted_at: Millis | null;
  closed_at: Millis | null;
  closed_by: 'visitor' | 'agent' | 'system' | null;
  /** JSON PrechatAnswer[]. */
  prechat: string;
  start_url: string | null;
  start_title: string | null;
  /** 1 when a proactive invitation started it. */
  invited: number;
  rating: 'good' | 'bad' | null;
  rating_comment: string | null;
  rated_at: Millis | null;
  /** "Rename chat" (migration 014); agents only. */
  title: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface MessagesTable {
  id: string;
  conversation_id: string;
  seq: number;
  /**
   * The visitor's numbering: 1, 2, 3, ... over the public messages only (null on a private
   * note), so the numbers a visitor sees have no gaps where notes are.
   */
  public_seq: number | null;
  client_id: string | null;
  author_type: 'visitor' | 'agent' | 'system';
  author_id: string | null;
  author_name: string | null;
  body: string;
  visibility: 'public' | 'private';
  created_at: Millis;
  /** text, options (a question with choices), answer (a visitor's choice). */
  kind: MessageKind;
  /** JSON: {choices} for options, {messageId, choice} for an answer; null for text. */
  payload: string | null;
}

export type MessageKind = 'text' | 'options' | 'answer' | 'card';

export interface AttachmentsTable {
  id: string;
  conversation_id: string;
  /** Null until the message carrying it is sent. */
  message_id: string | null;
  uploader_type: 'visitor' | 'agent';
  uploader_id: string;
  name: string;
  content_type: string;
  size: number;
  storage_key: string;
  created_at: Millis;
  deleted_at: Millis | null;
}

export interface ReadMarksTable {
  conversation_id: string;
  reader_type: 'visitor' | 'agent';
  reader_id: string;
  seq: number;
  /** The same mark in the visitor's numbering: the highest public_seq at or below `seq`. */
  public_seq: number;
  updated_at: Millis;
}

export interface CannedResponsesTable {
  id: string;
  scope: 'personal' | 'department' | 'organisation';
  owner_id: string | null;
  department_id: string | null;
  title: string;
  shortcut: string | null;
  body: string;
  created_at: Millis;
  updated_at: Millis;
}

export interface ParticipantsTable {
  conversation_id: string;
  agent_id: string;
  joined_at: Millis;
  left_at: Millis | null;
}

export interface InvitationsTable {
  id: string;
  conversation_id: string;
  inviter_id: string;
  invitee_id: string;
  inviter_leaves: number;
  status: 'pending' | 'accepted' | 'declined' | 'cancelled';
  created_at: Millis;
  answered_at: Millis | null;
}

export interface DirectMessagesTable {
  id: string;
  thread: string;
  seq: number;
  client_id: string;
  sender_id: string;
  recipient_id: string;
  body: string;
  created_at: Millis;
}

/** Migration 014: the installation's tags; `name_key` is the lower-cased name, unique. */
export interface TagsTable {
  id: string;
  name: string;
  name_key: string;
  color: string;
  created_at: Millis;
}

export interface ConversationTagsTable {
  conversation_id: string;
  tag_id: string;
  added_by: string | null;
  added_at: Millis;
}

/** Each title's words, folded, for search. */
export interface ConversationTitleWordsTable {
  conversation_id: string;
  word: string;
}
