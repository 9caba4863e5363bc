import type {
  MAX_MESSAGE_LENGTH,
  ProactiveInvitation,
  VisitorConversation,
  VisitorSelf,
  WidgetConfig,
  WidgetLanguage,
} from '@parley/protocol/contract';
import type { ChatMessage, PendingMessage } from './messages';
import type { PendingAnswer } from './options';
import type { UploadItem } from './uploads';

// A literal for the same reason as the socket namespace: no runtime import of the protocol.
export const MAX_LENGTH: typeof MAX_MESSAGE_LENGTH = 5000;

export type Connection = 'connecting' | 'online' | 'reconnecting' | 'unavailable';

/** Everything the chat UI draws, as one immutable snapshot. */
export interface ChatState {
  connection: Connection;
  /** The config and the visitor's conversation have been read once. */
  loaded: boolean;
  config: WidgetConfig | null;
  /** The open conversation, or the last closed one until the visitor starts a new chat. */
  conversation: VisitorConversation | null;
  messages: readonly ChatMessage[];
  pending: readonly PendingMessage[];
  /** Name of the agent typing right now ('' when unnamed); null when nobody is. */
  agentTyping: string | null;
  /** Agent messages the visitor has not seen with the chat open. */
  unread: number;
  /** The host page shows the chat (the frame may be loaded while minimized). */
  hostOpen: boolean;
  /** Chat is off for this site, or the site is unknown: the host hides the widget. */
  disabled: boolean;
  /** The message the visitor sent through the form, while its thank-you is shown. */
  ticket: SentTicket | null;
  /** The first send is held until the visitor picks one of the site's departments. */
  askDepartment: boolean;
  /** The department picked for the next conversation:start. */
  departmentId: string | null;
  /** Files in the composer's tray and files of messages still being sent. */
  uploads: readonly UploadItem[];
  /** Files were turned away because a message takes at most five. */
  tooManyFiles: boolean;
  /** Answers to options messages not acknowledged yet (or refused), by question id. */
  answers: Readonly<Record<string, PendingAnswer>>;
  /** How far an agent has read the conversation (read receipt), if we were told. */
  agentSeen: { conversationId: string; seq: number } | null;
  /** A proactive invitation: pending, or accepted by this visitor's reply (see shownInvitation). */
  invitation: ProactiveInvitation | null;
  /** The visitor as they see themselves ("Your details"); null until read. */
  visitor: VisitorSelf | null;
  /** No notification sounds (kept in the frame's storage). */
  muted: boolean;
  /** The language the chat is shown in (its strings have loaded). */
  lang: WidgetLanguage;
}

export interface SentTicket {
  id: string;
  createdAt: string;
}

/** What a request from a form came to; `details` per field for VALIDATION_FAILED. */
export type Outcome = { ok: true } | { ok: false; code: string; details?: Record<string, string> };
export type TicketOutcome = Outcome;

export const isOpen = (c: VisitorConversation | null): c is VisitorConversation =>
  !!c && c.status !== 'closed';

/** Errors that waiting will not fix. */
export const FATAL_CODES: ReadonlySet<string> = new Set([
  'BANNED',
  'NOT_FOUND',
  'CHAT_DISABLED',
  'VALIDATION_FAILED',
  'FORBIDDEN',
  'ORIGIN_NOT_ALLOWED',
]);
