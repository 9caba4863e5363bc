import { z } from 'zod';
import {
  PageCard,
  PageView,
  PrechatAnswer,
  PrechatField,
  Rating,
  WidgetLanguage,
} from './visitors.js';
import {
  agentRoles,
  agentStatuses,
  authorTypes,
  channels,
  closers,
  conversationStatuses,
  messageKinds,
  systemEvents,
  visibilities,
  widgetPositions,
} from './contract.js';
import { ConversationTag } from './tags.js';

export const AgentRole = z.enum(agentRoles);
export type AgentRole = z.infer<typeof AgentRole>;

/** Online takes new chats; Away keeps current chats only; Invisible and Offline count as unavailable. */
export const AgentStatus = z.enum(agentStatuses);
export type AgentStatus = z.infer<typeof AgentStatus>;

export const ConversationStatus = z.enum(conversationStatuses);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

export const Channel = z.enum(channels);
export type Channel = z.infer<typeof Channel>;

export const AuthorType = z.enum(authorTypes);
export type AuthorType = z.infer<typeof AuthorType>;

/** Private messages (whispers, internal notes) are for agents only and never reach a visitor. */
export const Visibility = z.enum(visibilities);
export type Visibility = z.infer<typeof Visibility>;

export const Closer = z.enum(closers);
export type Closer = z.infer<typeof Closer>;

const isoDate = z.string();

/** An agent as other agents see it. */
export const Agent = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: AgentRole,
  status: AgentStatus,
  avatarUrl: z.string().nullable(),
  /** When an admin deactivated the agent: only in the admins' list of every agent. */
  deactivatedAt: isoDate.nullable().optional(),
  /**
   * The sites the agent works on (admins see every site whatever this says): in the agents
   * list and in answers to creating or changing an agent.
   */
  siteIds: z.array(z.string()).optional(),
});
export type Agent = z.infer<typeof Agent>;

/** What a visitor may know about the agent serving them. */
export const PublicAgent = z.object({
  id: z.string(),
  name: z.string(),
  avatarUrl: z.string().nullable(),
});
export type PublicAgent = z.infer<typeof PublicAgent>;

export const VisitorSummary = z.object({
  id: z.string(),
  /** Generated display code such as "#4821", shown until the visitor gives a name. */
  code: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  /** Attribute keys whose current value a signed identity vouches for (shown with a lock). */
  verified: z.array(z.string()).optional(),
});
export type VisitorSummary = z.infer<typeof VisitorSummary>;

export const Attachment = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().int().nonnegative(),
  /** Sniffed from the content by the server, never taken from the upload. */
  contentType: z.string(),
  isImage: z.boolean(),
});
export type Attachment = z.infer<typeof Attachment>;

export const MessageKind = z.enum(messageKinds);
export type MessageKind = z.infer<typeof MessageKind>;

export const Message = z.object({
  id: z.string(),
  conversationId: z.string(),
  /**
   * Per-conversation order, assigned by the server at commit; the same on every client. Agents
   * count every message; a visitor counts public ones only (no gap where a note is).
   */
  seq: z.number().int().positive(),
  clientId: z.string().nullable(),
  author: z.object({
    type: AuthorType,
    id: z.string().nullable(),
    name: z.string().nullable(),
  }),
  body: z.string(),
  visibility: Visibility,
  createdAt: isoDate,
  /** Absent means 'text'. 'options': body is the question, `choices` the buttons. 'answer': a choice made. */
  kind: MessageKind.optional(),
  choices: z.array(z.string()).optional(),
  answer: z.object({ messageId: z.string(), choice: z.number().int().nonnegative() }).optional(),
  attachments: z.array(Attachment).optional(),
  /** 'card': a page the agent sent ("Send to page"); the widget shows it and goes there. */
  card: PageCard.optional(),
  /**
   * For a system line, what happened, so each client can say it in its own language (the
   * body is the English text).
   */
  system: z
    .object({
      event: z.enum(systemEvents),
      name: z.string().optional(),
    })
    .optional(),
});
export type SystemEvent = NonNullable<Message['system']>;
export type Message = z.infer<typeof Message>;

export const MessagePreview = z.object({
  body: z.string(),
  authorType: AuthorType,
  createdAt: isoDate,
});
export type MessagePreview = z.infer<typeof MessagePreview>;

/** A conversation as an agent sees it. */
export const Conversation = z.object({
  id: z.string(),
  siteId: z.string(),
  siteName: z.string(),
  channel: Channel,
  status: ConversationStatus,
  visitor: VisitorSummary,
  assignee: PublicAgent.nullable(),
  department: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Agents with a pending offer of this chat (Accept / Reject is shown to them). */
  offeredTo: z.array(z.string()),
  /** Invited agents in the chat besides its owner. */
  participants: z.array(PublicAgent),
  /** Whether the visitor has the chat open right now (closing asks for confirmation then). */
  visitorOnline: z.boolean(),
  queuedAt: isoDate,
  /** Read receipt: the visitor has seen the conversation up to this seq. */
  visitorSeenSeq: z.number().int().nonnegative().optional(),
  lastSeq: z.number().int().nonnegative(),
  lastMessage: MessagePreview.nullable(),
  createdAt: isoDate,
  acceptedAt: isoDate.nullable(),
  closedAt: isoDate.nullable(),
  closedBy: Closer.nullable(),
  /** Pre-chat survey answers, in the order asked. */
  prechat: z.array(PrechatAnswer),
  /** The page the chat was started from ("called from"). */
  startPage: PageView.nullable(),
  /** Whether a proactive invitation by an agent started it. */
  invited: z.boolean(),
  rating: Rating.nullable(),
  /** Set with "Rename chat"; lists show it instead of the visitor. Agents only. */
  title: z.string().nullable(),
  /** Agents only, like the title: never in the visitor's view. */
  tags: z.array(ConversationTag),
});
export type Conversation = z.infer<typeof Conversation>;

/** A conversation as its visitor sees it: no internal fields. */
export const QueueInfo = z.object({
  /** 1 = next in line. */
  position: z.number().int().positive(),
  etaSeconds: z.number().int().nonnegative(),
  /** Waited past the limit with nobody able to take it: offer the message form. */
  unserved: z.boolean(),
});
export type QueueInfo = z.infer<typeof QueueInfo>;

export const VisitorConversation = z.object({
  id: z.string(),
  status: ConversationStatus,
  agent: PublicAgent.nullable(),
  /** Set while the chat waits for an agent. */
  queue: QueueInfo.nullable(),
  /** Read receipt: an agent has seen the conversation up to this seq (the visitor's numbering). */
  agentSeenSeq: z.number().int().nonnegative().optional(),
  /** How many public messages there are: the visitor's highest seq. */
  lastSeq: z.number().int().nonnegative(),
  createdAt: isoDate,
  closedAt: isoDate.nullable(),
  closedBy: Closer.nullable(),
  department: z.object({ id: z.string(), name: z.string() }).nullable(),
  rating: Rating.nullable(),
});
export type VisitorConversation = z.infer<typeof VisitorConversation>;

/** What the widget needs to know about its site before the visitor does anything. */
export const WidgetConfig = z.object({
  siteKey: z.string(),
  siteName: z.string(),
  chatEnabled: z.boolean(),
  /** True when at least one agent is Online. */
  agentsAvailable: z.boolean(),
  greeting: z.string(),
  /** The greeting per widget language; the widget picks its language's, else `greeting`. */
  greetings: z.record(z.string(), z.string()).optional(),
  /** The message form's introduction per language, when nobody can answer; else its default. */
  offlineMessage: z.record(z.string(), z.string()).optional(),
  accentColor: z.string(),
  /** The page corner of the launcher. */
  position: z.enum(widgetPositions).optional(),
  /** Upload limits, so the widget can refuse a file before sending it. */
  maxFileMb: z.number().int().positive().optional(),
  allowAnyFileType: z.boolean().optional(),
  /** Offered in the pre-chat step when the site routes to more than one department. */
  departments: z.array(z.object({ id: z.string(), name: z.string() })),
  /** "Show agent photo": the header shows the agent's picture. */
  showAgentPhoto: z.boolean(),
  /** The site's language override; null lets the browser decide. */
  language: WidgetLanguage.nullable(),
  /** Asked before the first message; empty for none (departments then come from `departments`). */
  prechatFields: z.array(PrechatField),
});
export type WidgetConfig = z.infer<typeof WidgetConfig>;
