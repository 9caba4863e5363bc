import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/**
 * Table types. Times are stored as epoch milliseconds (bigint on PostgreSQL, integer on SQLite)
 * so both dialects compare and sort them the same way.
 */
type Millis = ColumnType<number, number, number>;

export interface AgentsTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  /** When two-factor sign-in was turned on; null when off. */
  two_factor_at: Millis | null;
  /** Base32 TOTP secrets: the active one, and one being set up. Never leave accounts/. */
  totp_secret: string | null;
  totp_pending: string | null;
  /** The 30-second step of the last code accepted: a code works once. */
  totp_last_step: number | null;
  role: 'admin' | 'supervisor' | 'agent';
  status: 'online' | 'away' | 'invisible' | 'offline';
  avatar_url: string | null;
  max_chats: number | null;
  created_at: Millis;
  disabled_at: Millis | null;
  /** When this agent was last offered a chat: round robin offers to the longest-idle first. */
  last_offered_at: Millis | null;
  /** Since when every connection of this agent has been gone (null while connected): the offline grace period counts from here. */
  disconnected_at: Millis | null;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie token
  agent_id: string;
  csrf_token: string;
  created_at: Millis;
  expires_at: Millis;
  last_seen_at: Millis;
}

export interface PasswordResetsTable {
  id: string; // sha256 of the emailed token
  agent_id: string;
  created_at: Millis;
  expires_at: Millis;
  used_at: Millis | null;
}

export interface RecoveryCodesTable {
  id: string; // sha256 of the code
  agent_id: string;
  used_at: Millis | null;
}

/** Which agent a provider account (issuer + subject) signs in as. */
export interface SsoLinksTable {
  issuer: string;
  subject: string;
  agent_id: string;
  created_at: Millis;
}

/** A single sign-on on its way through the provider; used once (found by its state's hash). */
export interface SsoAttemptsTable {
  id: string; // sha256 of the state
  code_verifier: string;
  nonce: string;
  return_to: string;
  created_at: Millis;
  expires_at: Millis;
}

/** A provider sign-in waiting for the agent's two-factor code. */
export interface SsoSecondFactorTable {
  id: string; // sha256 of the cookie's ticket
  agent_id: string;
  return_to: string;
  expires_at: Millis;
}

export interface SitesTable {
  id: string;
  key: string;
  name: string;
  /** JSON array of origins allowed to embed the widget. */
  allowed_origins: string;
  chat_enabled: number; // 0/1 on both dialects, so one type serves both
  greeting: string;
  accent_color: string;
  created_at: Millis;
  /** Widget language override; null lets the browser decide. */
  language: string | null;
  require_verified_identity: number;
  /** HS256 secret the site's backend signs identities with. */
  identity_secret: string | null;
  /** JSON PrechatField[]. */
  prechat_fields: string;
  /** 1/0: what this site's widgets were last told about agents being available; null before the first announcement. */
  agents_available: number | null;
  /** JSON {language: greeting}; a language without one uses `greeting`. */
  greetings: string;
  /** JSON {language: text} introducing the message form when nobody can answer. */
  offline_message: string;
  /** 'right' or 'left': the launcher's bottom corner. */
  widget_position: string;
  /** When an admin removed the site; its widget stops loading, its history stays. */
  deleted_at: Millis | null;
}

export interface VisitorsTable {
  id: string;
  site_id: string;
  token_hash: string;
  code: string;
  name: string | null;
  email: string | null;
  /** A later customer record (contact) this visitor is linked to; never inferred from typed text. */
  contact_id: string | null;
  created_at: Millis;
  last_seen_at: Millis;
  /** From the browser (loader): language tag and IANA time zone. */
  language: string | null;
  time_zone: string | null;
  /** From the latest connection: address, its location, the browser. */
  ip: string | null;
  country: string | null;
  region: string | null;
  city: string | null;
  geo_time_zone: string | null;
  browser: string | null;
  os: string | null;
  device_type: string | null;
  referrer: string | null;
  current_url: string | null;
  current_title: string | null;
  visit_started_at: Millis | null;
  visits: number;
  /** Page views of the current visit. */
  page_views: number;
  /** JSON object of identify() attributes besides name and email. */
  attributes: string;
  /** JSON object: attribute key -> the value a signed identity vouched for. */
  verified: string;
}

export interface PageViewsTable {
  visitor_id: string;
  /** Chosen by the loader per page view, so a reconnect does not count twice. */
  id: string;
  url: string;
  title: string;
  at: Millis;
}

export interface ProactiveInvitationsTable {
  id: string;
  site_id: string;
  visitor_id: string;
  agent_id: string;
  message: string;
  status: 'pending' | 'accepted' | 'declined' | 'cancelled';
  conversation_id: string | null;
  created_at: Millis;
  answered_at: Millis | null;
}

export interface BansTable {
  id: string;
  site_id: string;
  visitor_id: string | null;
  ip: string | null;
  reason: string;
  created_by: string;
  created_at: Millis;
  expires_at: Millis | null;
  lifted_at: Millis | null;
  lifted_by: string | null;
}

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

export interface SettingsTable {
  key: string;
  value: string; // JSON
  updated_at: Millis;
}

export type Distribution = 'to_all' | 'round_robin' | 'least_busy';

export interface DepartmentsTable {
  id: string;
  name: string;
  distribution: Distribution;
  created_at: Millis;
}

export interface DepartmentMembersTable {
  department_id: string;
  agent_id: string;
}

/** Which sites an agent works on (admins see every site regardless). */
export interface AgentSitesTable {
  agent_id: string;
  site_id: string;
}

export interface SiteDepartmentsTable {
  site_id: string;
  department_id: string;
  position: number;
}

export type OfferStatus = 'pending' | 'accepted' | 'rejected' | 'timed_out' | 'withdrawn';

export interface OffersTable {
  id: string;
  conversation_id: string;
  agent_id: string;
  status: OfferStatus;
  offered_at: Millis;
  expires_at: Millis;
  answered_at: Millis | null;
}

export type RoutingEventKind =
  | 'accepted'
  | 'assigned'
  | 'transferred'
  | 'invited'
  | 'joined'
  | 'left'
  | 'queued'
  | 'unserved'
  | 'renamed'
  | 'tagged'
  | 'untagged';

export interface RoutingEventsTable {
  id: string;
  conversation_id: string;
  kind: RoutingEventKind;
  agent_id: string | null;
  actor_id: string | null;
  at: Millis;
  /** renamed: the new title; tagged/untagged: the tag's name then (migration 014). */
  detail: ColumnType<string | null, string | null | undefined, string | null>;
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

export interface Database {
  agents: AgentsTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  recovery_codes: RecoveryCodesTable;
  sso_links: SsoLinksTable;
  sso_attempts: SsoAttemptsTable;
  sso_second_factor: SsoSecondFactorTable;
  sites: SitesTable;
  visitors: VisitorsTable;
  conversations: ConversationsTable;
  tags: TagsTable;
  conversation_tags: ConversationTagsTable;
  conversation_title_words: ConversationTitleWordsTable;
  messages: MessagesTable;
  settings: SettingsTable;
  departments: DepartmentsTable;
  department_members: DepartmentMembersTable;
  agent_sites: AgentSitesTable;
  site_departments: SiteDepartmentsTable;
  offers: OffersTable;
  routing_events: RoutingEventsTable;
  participants: ParticipantsTable;
  invitations: InvitationsTable;
  tickets: TicketsTable;
  ticket_messages: TicketMessagesTable;
  ticket_attachments: TicketAttachmentsTable;
  direct_messages: DirectMessagesTable;
  attachments: AttachmentsTable;
  read_marks: ReadMarksTable;
  canned_responses: CannedResponsesTable;
  page_views: PageViewsTable;
  proactive_invitations: ProactiveInvitationsTable;
  bans: BansTable;
}

/** An agent as the rest of the server sees it: the password hash never leaves sign-in. */
export type AgentRow = Omit<
  Selectable<AgentsTable>,
  'password_hash' | 'totp_secret' | 'totp_pending' | 'totp_last_step'
>;
/** Every agent column but the password hash, for `select(agentColumns)`. */
export const agentColumns = [
  'id',
  'email',
  'name',
  'role',
  'status',
  'avatar_url',
  'max_chats',
  'created_at',
  'disabled_at',
  'last_offered_at',
  'disconnected_at',
  'two_factor_at',
] as const satisfies ReadonlyArray<keyof AgentRow>;
export type DepartmentRow = Selectable<DepartmentsTable>;
export type OfferRow = Selectable<OffersTable>;
export type TicketRow = Selectable<TicketsTable>;
export type TicketMessageRow = Selectable<TicketMessagesTable>;
export type TicketAttachmentRow = Selectable<TicketAttachmentsTable>;
export type DirectMessageRow = Selectable<DirectMessagesTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;
export type CannedResponseRow = Selectable<CannedResponsesTable>;
export type InvitationRow = Selectable<InvitationsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type SiteRow = Selectable<SitesTable>;
export type VisitorRow = Selectable<VisitorsTable>;
export type BanRow = Selectable<BansTable>;
export type ProactiveInvitationRow = Selectable<ProactiveInvitationsTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type NewMessage = Insertable<MessagesTable>;
export type ConversationUpdate = Updateable<ConversationsTable>;
export type { Generated };
