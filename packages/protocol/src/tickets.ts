import { z } from 'zod';
import { Id } from './ids.js';
import { Email, WidgetLanguage } from './visitors.js';
import {
  MAX_TICKET_REPLY_LENGTH,
  ticketChannels,
  ticketPriorities,
  ticketStatuses,
} from './contract.js';

export const TicketStatus = z.enum(ticketStatuses);
export type TicketStatus = z.infer<typeof TicketStatus>;
export const TicketPriority = z.enum(ticketPriorities);
export type TicketPriority = z.infer<typeof TicketPriority>;
export const TicketChannel = z.enum(ticketChannels);
export type TicketChannel = z.infer<typeof TicketChannel>;

const AgentRef = z.object({ id: z.string(), name: z.string() });

/** A ticket as lists show it; `message` is the first message's text. */
export const Ticket = z.object({
  id: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  name: z.string(),
  email: z.string(),
  subject: z.string().nullable(),
  message: z.string(),
  status: TicketStatus,
  priority: TicketPriority,
  channel: TicketChannel,
  assignee: AgentRef.nullable(),
  department: AgentRef.nullable(),
  conversationId: z.string().nullable(),
  createdAt: z.string(),
  /** The latest message or change. */
  updatedAt: z.string(),
});
export type Ticket = z.infer<typeof Ticket>;

/**
 * One message of a ticket's thread. `in`: from the customer; `out`: an agent's reply (emailed)
 * or internal note (`internal`, never emailed). `body` is the text shown, without quoted history
 * and signature; the full original of an email is kept (`hasOriginal`).
 */
export const TicketMessage = z.object({
  id: z.string(),
  direction: z.enum(['in', 'out']),
  internal: z.boolean(),
  author: z.object({
    type: z.enum(['customer', 'agent']),
    id: z.string().nullable(),
    name: z.string().nullable(),
    email: z.string().nullable(),
  }),
  body: z.string(),
  /** An auto-reply, bounce or mailing-list message: shown, never answered automatically. */
  auto: z.boolean(),
  /** Replies: whether the mail went out. Null for notes and received messages. */
  delivery: z.enum(['sending', 'sent', 'failed']).nullable(),
  hasOriginal: z.boolean(),
  /** Files the email brought (download: GET /tickets/:id/files/:fileId). */
  files: z.array(
    z.object({ id: z.string(), name: z.string(), size: z.number(), contentType: z.string() }),
  ),
  createdAt: z.string(),
});
export type TicketMessage = z.infer<typeof TicketMessage>;

/** The list's filters. `assignee`: an agent id, "me" or "unassigned". */
export const TicketListQuery = z.object({
  status: TicketStatus.optional(),
  assignee: z.union([z.enum(['me', 'unassigned']), Id]).optional(),
  departmentId: Id.optional(),
  priority: TicketPriority.optional(),
  channel: TicketChannel.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type TicketListQuery = z.input<typeof TicketListQuery>;

export const TicketUpdateInput = z
  .object({
    status: TicketStatus.optional(),
    priority: TicketPriority.optional(),
    /** null: unassigned. */
    assigneeId: Id.nullable().optional(),
    /** null: no department. */
    departmentId: Id.nullable().optional(),
    /** The customer's address, for a ticket made from a chat whose visitor gave none. */
    email: Email.optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'nothing to change');
export type TicketUpdateInput = z.input<typeof TicketUpdateInput>;

/** "Create ticket" on a chat: the subject defaults to the chat's title or first visitor line. */
export const TicketFromChatInput = z.object({
  subject: z.string().trim().min(1).max(300).optional(),
});
export type TicketFromChatInput = z.input<typeof TicketFromChatInput>;

/** "Email transcript" by an agent: the chat's public part to any address, in the visitor's language. */
export const AgentTranscriptInput = z.object({
  email: Email,
  language: WidgetLanguage.optional(),
});
export type AgentTranscriptInput = z.input<typeof AgentTranscriptInput>;

/** A chat's tickets, for its header. */
export interface ChatTicketsResponse {
  tickets: Ticket[];
}

export const TicketReplyInput = z.object({
  body: z.string().trim().min(1, 'must not be empty').max(MAX_TICKET_REPLY_LENGTH),
  /** An internal note: seen by agents only, never emailed. */
  internal: z.boolean().default(false),
});
export type TicketReplyInput = z.input<typeof TicketReplyInput>;

export interface TicketListResponse {
  tickets: Ticket[];
  /** Tickets per status under the other filters. */
  counts: Record<TicketStatus, number>;
}
export interface TicketResponse {
  ticket: Ticket;
}
export interface TicketThreadResponse {
  ticket: Ticket;
  messages: TicketMessage[];
}
export interface TicketReplyResponse {
  ticket: Ticket;
  message: TicketMessage;
}
/** The "Tickets" badge: open tickets assigned to me or to nobody. */
export interface TicketBadgeResponse {
  count: number;
}
export interface TicketChangedEvent {
  ticketId: string;
}
