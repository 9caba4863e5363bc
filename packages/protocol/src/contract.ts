/**
 * `@parley/protocol/contract`: the protocol without zod. Limits, enum value lists, error codes
 * with their messages, event names and every wire type, as plain `as const` data. Clients
 * that must stay small (loader.js, the widget frame, the console) import from here; the zod
 * schemas of the main entry are built from these same constants, so there is one source.
 *
 * Nothing in this module (or what it re-exports at runtime) may import zod.
 */

export * from './errors.js';
export * from './socket.js';
export * from './rest.js';
export * from './bridge.js';
export type * from './models.js';
export type * from './inputs.js';
export type * from './routing.js';
export type * from './visitors.js';
export type * from './sso.js';
export type * from './tickets.js';
export type * from './tags.js';
export type * from './earlier.js';
export * from './tagLimits.js';
export { newClientId } from './clientId.js';

// Limits

/** A message body, after trimming. */
export const MAX_MESSAGE_LENGTH = 5000;
export const MAX_HISTORY_PAGE = 200;
/** Files per message. */
export const MAX_ATTACHMENTS = 5;
/** Ids and client ids. */
export const MAX_ID_LENGTH = 64;
export const MIN_CLIENT_ID_LENGTH = 8;
/** Sneak peek: agents may see this much of what the visitor is typing. */
export const MAX_TYPING_PREVIEW = 1000;
/** Conversations per sync request. */
export const MAX_SYNC_CONVERSATIONS = 100;
/** Choices of an options message, and the length of each. */
export const MIN_CHOICES = 2;
export const MAX_CHOICES = 6;
export const MAX_CHOICE_LENGTH = 200;
/** A name: visitor, agent, department, ticket sender. */
export const MAX_NAME_LENGTH = 100;

/**
 * What a new password must be: at least `minLength` characters, and at least `minScore` on
 * the zxcvbn scale of 0 (guessable in a few tries) to 4 (very unguessable), checked by the
 * server, which says why it refused.
 */
export const PASSWORD_RULES = { minLength: 12, maxLength: 1024, minScore: 3 } as const;
/** The message form's text (a ticket). */
export const MAX_TICKET_LENGTH = 5000;
/** Pre-chat survey: fields per site, a field's id and label, an answer. */
export const MAX_PRECHAT_FIELDS = 10;
export const MAX_PRECHAT_FIELD_ID = 40;
export const MAX_PRECHAT_LABEL = 100;
export const MAX_PRECHAT_ANSWER = 1000;
/** A rating's comment. */
export const MAX_RATING_COMMENT = 1000;
/** A proactive invitation's message. */
export const MAX_INVITATION_MESSAGE = 1000;
export const MAX_BAN_REASON = 500;
/** A canned response's title, shortcut (typed after /) and body. */
export const MAX_CANNED_TITLE = 100;
export const MAX_CANNED_SHORTCUT = 30;
export const MAX_CANNED_BODY = 5000;
/** The auto-greeting an accepted chat starts with. */
export const MAX_AUTO_GREETING = 1000;
/**
 * The numeric organisation settings (OrgSettings): their ranges and a fresh install's values.
 * An agent's own `maxChats` override has the range of `maxChatsPerAgent`.
 */
export const ORG_SETTING_RANGES = {
  maxChatsPerAgent: { min: 1, max: 50, default: 5 },
  offerTimeoutSeconds: { min: 5, max: 600, default: 30 },
  maxWaitSeconds: { min: 30, max: 3600, default: 300 },
  autoAwayMinutes: { min: 0, max: 480, default: 0 },
  offlineGraceSeconds: { min: 5, max: 600, default: 30 },
  maxFileMb: { min: 1, max: 100, default: 20 },
  fileRetentionDays: { min: 0, max: 3650, default: 0 },
  navigationRetentionDays: { min: 1, max: 3650, default: 90 },
  ticketRetentionDays: { min: 0, max: 3650, default: 0 },
} as const;
/** Conversations per `conversation:list`. */
export const MAX_LIST_CONVERSATIONS = 200;
/** The visitor token as the live stream's `t`. */
export const MAX_LIVE_TOKEN = 200;
/** The page fields of `GET /api/v1/widget/live` (LiveQuery), in the order they are sent. */
export const LIVE_QUERY_LIMITS = { url: 2000, title: 500, ref: 2000, lang: 35, tz: 64 } as const;

// Enum values

export const agentRoles = ['admin', 'supervisor', 'agent'] as const;
/** Online takes new chats; Away keeps current chats only; Invisible and Offline count as unavailable. */
export const agentStatuses = ['online', 'away', 'invisible', 'offline'] as const;
export const conversationStatuses = ['queued', 'offered', 'active', 'closed'] as const;
export const channels = ['web'] as const;
export const authorTypes = ['visitor', 'agent', 'system'] as const;
/** Private messages (whispers, internal notes) are for agents only and never reach a visitor. */
export const visibilities = ['public', 'private'] as const;
export const closers = ['visitor', 'agent', 'system'] as const;
export const messageKinds = ['text', 'options', 'answer', 'card'] as const;
/** What a system line says happened (each client says it in its own language). */
export const systemEvents = [
  'joined',
  'left',
  'took_over',
  'ended_by_visitor',
  'ended_by_agent',
  'ended',
  'left_message',
] as const;
/** Languages the widget speaks; Arabic is written right to left. */
/** The bottom corner of the page the launcher sits in. */
export const widgetPositions = ['right', 'left'] as const;
export const widgetLanguages = ['en', 'es', 'fr', 'de', 'pt', 'ru', 'ar'] as const;
export const RTL_LANGUAGES: readonly (typeof widgetLanguages)[number][] = ['ar'];
/** What the console shows a visitor is doing: on the site, waiting for an agent, or in a chat. */
export const visitorStates = ['browsing', 'waiting', 'chatting'] as const;
export const prechatFieldKinds = ['name', 'email', 'department', 'text'] as const;
export const ratingValues = ['good', 'bad'] as const;
/** Of agent-to-agent and proactive invitations alike. */
export const invitationStatuses = ['pending', 'accepted', 'declined', 'cancelled'] as const;
/** How a department hands out chats. */
export const distributions = ['to_all', 'round_robin', 'least_busy'] as const;
/** A ticket's life: open (ours to answer), pending (waiting on the customer), solved, closed. */
export const ticketStatuses = ['open', 'pending', 'solved', 'closed'] as const;
export const ticketPriorities = ['low', 'normal', 'high', 'urgent'] as const;
/** Where a ticket came from; messenger channels join this list. */
export const ticketChannels = ['web_form', 'email', 'chat'] as const;
/** An agent's reply or internal note on a ticket. */
export const MAX_TICKET_REPLY_LENGTH = 20000;
export const routingLogKinds = [
  'offered',
  'accepted',
  'rejected',
  'timed_out',
  'withdrawn',
  'assigned',
  'transferred',
  'invited',
  'joined',
  'left',
  'unserved',
  // Titles and tags: `detail` of the entry names the title or tag.
  'renamed',
  'tagged',
  'untagged',
  // "Create ticket": `detail` of the entry is the ticket's id.
  'ticketed',
] as const;
export const cannedScopes = ['personal', 'department', 'organisation'] as const;

/** Bounds of a contact, checked on every write (the console's form uses the same numbers). */
export const contactLimits = {
  name: 200,
  company: 200,
  notes: 5000,
  emails: 10,
  phones: 10,
  customFields: 20,
  customFieldKey: 40,
  customFieldValue: 500,
} as const;
