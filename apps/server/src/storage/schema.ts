import type { Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { AgentRecord, CannedResponseRecord, VisitorRecord } from '../domain/records.js';
import type {
  AgentsTable,
  SessionsTable,
  PasswordResetsTable,
  RecoveryCodesTable,
  SsoLinksTable,
  SsoAttemptsTable,
  SsoSecondFactorTable,
} from './tables/accounts.js';
import type {
  SitesTable,
  VisitorsTable,
  PageViewsTable,
  ProactiveInvitationsTable,
  BansTable,
  SettingsTable,
} from './tables/visitors.js';
import type {
  ConversationsTable,
  MessagesTable,
  AttachmentsTable,
  ReadMarksTable,
  CannedResponsesTable,
  ParticipantsTable,
  InvitationsTable,
  DirectMessagesTable,
  TagsTable,
  ConversationTagsTable,
  ConversationTitleWordsTable,
} from './tables/conversations.js';
import type {
  DepartmentsTable,
  DepartmentMembersTable,
  AgentSitesTable,
  SiteDepartmentsTable,
  OffersTable,
  RoutingEventsTable,
} from './tables/routing.js';
import type {
  TicketsTable,
  TicketMessagesTable,
  TicketAttachmentsTable,
} from './tables/tickets.js';
import type { ContactsTable, ContactEmailsTable, ContactPhonesTable } from './tables/contacts.js';
import type { AuditEntriesTable, FileRemovalsTable } from './tables/audit.js';

/** The database's tables live one file per feature under `tables/`; this file ties them together. */
export type * from './tables/accounts.js';
export type * from './tables/visitors.js';
export type * from './tables/conversations.js';
export type * from './tables/routing.js';
export type * from './tables/tickets.js';
export type * from './tables/contacts.js';
export type * from './tables/audit.js';

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
  contacts: ContactsTable;
  contact_emails: ContactEmailsTable;
  contact_phones: ContactPhonesTable;
  audit_entries: AuditEntriesTable;
  file_removals: FileRemovalsTable;
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

/** True only when A and B are the same shape (each assignable to the other). */
type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/**
 * The domain names (domain/records.ts) of these rows are the rows themselves: a column added
 * to a table without its record (or the other way round) fails the build here.
 */
export const recordsMatchRows: [
  SameShape<AgentRow, AgentRecord>,
  SameShape<VisitorRow, VisitorRecord>,
  SameShape<CannedResponseRow, CannedResponseRecord>,
] = [true, true, true];
