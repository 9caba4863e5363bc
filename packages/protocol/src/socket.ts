import type { ErrorBody } from './errors.js';
import type {
  AgentSendMessageInput,
  AnswerOptionsInput,
  SeenInput,
  ConversationRef,
  ListConversationsInput,
  SendMessageInput,
  SetStatusInput,
  SyncInput,
  TypingInput,
} from './inputs.js';
import type {
  AgentLoad,
  AnswerInvitationInput,
  DirectHistoryInput,
  DirectMessage,
  DirectSendInput,
  Invitation,
  InviteInput,
  RoutingLogEntry,
  StartConversationInput,
  TicketInput,
  TransferInput,
} from './routing.js';
import type { Ticket, TicketChangedEvent } from './tickets.js';
import type { TagsUpdatedEvent } from './tags.js';
import type { EarlierInput, EarlierResponse } from './earlier.js';
import type {
  Ban,
  BanInput,
  InvitationRef,
  LiveVisitor,
  ProactiveInvitation,
  ProactiveInviteInput,
  RateInput,
  SendPageInput,
  TranscriptInput,
  VisitorDetails,
  VisitorRef,
  VisitorSelf,
  VisitorUpdateInput,
} from './visitors.js';
import type {
  Agent,
  AuthorType,
  Conversation,
  Message,
  VisitorConversation,
  WidgetConfig,
} from './models.js';

/** Every socket request is answered through its acknowledgement with one of these. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };
export type AckFn<T> = (result: Ack<T>) => void;

/** The reply to a send: the message as stored. `duplicate` is true when a retry found the original. */
export interface SendResult {
  id: string;
  seq: number;
  createdAt: string;
  duplicate: boolean;
}

export interface TypingEvent {
  conversationId: string;
  author: { type: AuthorType; id: string | null; name: string | null };
  typing: boolean;
  /** Sneak peek: the visitor's unsent text, to agents only. */
  preview?: string;
}

/** Read receipt: the reader has seen everything up to `seq`. */
export interface SeenEvent {
  conversationId: string;
  reader: { type: 'visitor' | 'agent'; id: string; name: string | null };
  seq: number;
}

export interface SyncResult<C> {
  conversations: Array<{ conversation: C; messages: Message[] }>;
}

/** The visitor namespace, `/visitor`. Handshake `auth: { token }` (the visitor token). */
export const VISITOR_NAMESPACE = '/visitor';
/** The agent namespace, `/agent`. Authenticated by the session cookie and the Origin header. */
export const AGENT_NAMESPACE = '/agent';

export interface VisitorClientEvents {
  'widget:config': (payload: Record<string, never>, ack: AckFn<WidgetConfig>) => void;
  /** The visitor's open conversation, else their latest closed one, with its public history. */
  'conversation:current': (
    payload: Record<string, never>,
    ack: AckFn<{
      conversation: VisitorConversation | null;
      messages: Message[];
      /** A pending proactive invitation (only when no chat is open). */
      invitation: ProactiveInvitation | null;
    }>,
  ) => void;
  /** Opens a conversation, or returns the one already open (one open chat per visitor). */
  'conversation:start': (
    payload: StartConversationInput,
    ack: AckFn<{ conversation: VisitorConversation }>,
  ) => void;
  'conversation:close': (
    payload: ConversationRef,
    ack: AckFn<{ conversation: VisitorConversation }>,
  ) => void;
  'message:send': (payload: SendMessageInput, ack: AckFn<SendResult>) => void;
  typing: (payload: TypingInput) => void;
  sync: (payload: SyncInput, ack: AckFn<SyncResult<VisitorConversation>>) => void;
  /** Read receipt (no ack). */
  'message:seen': (payload: SeenInput) => void;
  /** Picks a choice of an options message; one answer per question. */
  'options:answer': (payload: AnswerOptionsInput, ack: AckFn<SendResult>) => void;
  /** The message form, when nobody can answer: becomes a ticket (and ends a waiting chat). */
  'ticket:create': (
    payload: TicketInput,
    ack: AckFn<{ ticket: Pick<Ticket, 'id' | 'createdAt'> }>,
  ) => void;
  /** Good / bad with an optional comment, once the chat has ended (may be changed). */
  'conversation:rate': (
    payload: RateInput,
    ack: AckFn<{ conversation: VisitorConversation }>,
  ) => void;
  /** Mails the public part of the conversation to the given address. */
  'conversation:transcript': (payload: TranscriptInput, ack: AckFn<{ sentTo: string }>) => void;
  'visitor:me': (payload: Record<string, never>, ack: AckFn<{ visitor: VisitorSelf }>) => void;
  /** "Your details": name and email typed by the visitor (never verified). */
  'visitor:update': (payload: VisitorUpdateInput, ack: AckFn<{ visitor: VisitorSelf }>) => void;
  /** The visitor closed a proactive invitation without replying. */
  'invitation:decline': (payload: InvitationRef, ack: AckFn<Record<string, never>>) => void;
  /** The visitor's own earlier conversations, public messages only ("Earlier conversations"). */
  'conversation:earlier': (payload: EarlierInput, ack: AckFn<EarlierResponse>) => void;
}

export interface VisitorServerEvents {
  'message:new': (message: Message) => void;
  typing: (event: TypingEvent) => void;
  'conversation:updated': (conversation: VisitorConversation) => void;
  /** Whether an agent can answer now changed: show the chat or the message form. */
  availability: (event: { agentsAvailable: boolean }) => void;
  /** An agent has seen the conversation up to seq. */
  seen: (event: SeenEvent) => void;
  /** A proactive invitation arrived (pending) or ended (accepted elsewhere, declined, cancelled). */
  invitation: (invitation: ProactiveInvitation) => void;
  /** The visitor's details changed (identify() on another page, another tab). */
  'visitor:updated': (visitor: VisitorSelf) => void;
  /** A socket-level problem not tied to a request, such as a malformed event. */
  error: (error: ErrorBody) => void;
}

export interface AgentClientEvents {
  'agent:status': (payload: SetStatusInput, ack: AckFn<{ agent: Agent }>) => void;
  'conversation:list': (
    payload: ListConversationsInput,
    ack: AckFn<{ conversations: Conversation[] }>,
  ) => void;
  /** Reads a conversation and subscribes this socket to its live messages and typing. */
  'conversation:watch': (
    payload: ConversationRef,
    ack: AckFn<{ conversation: Conversation; messages: Message[] }>,
  ) => void;
  'conversation:unwatch': (payload: ConversationRef, ack: AckFn<Record<string, never>>) => void;
  'conversation:accept': (
    payload: ConversationRef,
    ack: AckFn<{ conversation: Conversation }>,
  ) => void;
  'conversation:close': (
    payload: ConversationRef,
    ack: AckFn<{ conversation: Conversation }>,
  ) => void;
  'message:send': (payload: AgentSendMessageInput, ack: AckFn<SendResult>) => void;
  typing: (payload: TypingInput) => void;
  sync: (payload: SyncInput, ack: AckFn<SyncResult<Conversation>>) => void;
  /** Read receipt (no ack). */
  'message:seen': (payload: SeenInput) => void;
  /** Turns down a chat offered to you: it goes back to its place in the queue and to someone else. */
  'conversation:reject': (payload: ConversationRef, ack: AckFn<Record<string, never>>) => void;
  /** Owner or supervisor hands an active chat to another agent (a supervisor naming themselves takes it over). */
  'conversation:transfer': (
    payload: TransferInput,
    ack: AckFn<{ conversation: Conversation }>,
  ) => void;
  /** Supervisor gives a waiting or stuck chat to an agent. */
  'conversation:assign': (
    payload: TransferInput,
    ack: AckFn<{ conversation: Conversation }>,
  ) => void;
  'conversation:invite': (payload: InviteInput, ack: AckFn<{ invitation: Invitation }>) => void;
  /** Invitee accepts or declines; the inviter cancels with accept: false. */
  'invitation:answer': (
    payload: AnswerInvitationInput,
    ack: AckFn<{ invitation: Invitation }>,
  ) => void;
  /** An invited colleague leaves the chat. */
  'conversation:leave': (payload: ConversationRef, ack: AckFn<Record<string, never>>) => void;
  'conversation:log': (
    payload: ConversationRef,
    ack: AckFn<{ entries: RoutingLogEntry[] }>,
  ) => void;
  /** Every agent with status, connection and load (the supervisor's team view). */
  'agents:load': (payload: Record<string, never>, ack: AckFn<{ agents: AgentLoad[] }>) => void;
  /** Agent-to-agent chat. */
  'direct:send': (payload: DirectSendInput, ack: AckFn<{ message: DirectMessage }>) => void;
  'direct:history': (
    payload: DirectHistoryInput,
    ack: AckFn<{ messages: DirectMessage[] }>,
  ) => void;
  /** Visitors on the sites now (and those who left in the last minutes); subscribes to `visitor:updated`. */
  'visitors:list': (
    payload: Record<string, never>,
    ack: AckFn<{ visitors: LiveVisitor[] }>,
  ) => void;
  'visitors:unsubscribe': (
    payload: Record<string, never>,
    ack: AckFn<Record<string, never>>,
  ) => void;
  /** One visitor's details, navigation and history; subscribes to their `visitor:updated`. */
  'visitor:get': (payload: VisitorRef, ack: AckFn<{ visitor: VisitorDetails }>) => void;
  'visitor:unwatch': (payload: VisitorRef, ack: AckFn<Record<string, never>>) => void;
  /** Proactive invitation (Online agents only); one pending per visitor. */
  'visitor:invite': (
    payload: ProactiveInviteInput,
    ack: AckFn<{ invitation: ProactiveInvitation }>,
  ) => void;
  'visitor:ban': (payload: BanInput, ack: AckFn<{ ban: Ban }>) => void;
  /** Posts a product card of a page of the site and takes the visitor's page there. */
  'conversation:sendPage': (payload: SendPageInput, ack: AckFn<SendResult>) => void;
}

export interface AgentServerEvents {
  'message:new': (message: Message) => void;
  typing: (event: TypingEvent) => void;
  /** Any change to a conversation the agent may see: new in queue, offered, accepted, closed, handed over. */
  'conversation:updated': (conversation: Conversation) => void;
  /** The signed-in agent changed (status set from another tab, for instance). */
  'agent:updated': (agent: Agent) => void;
  /** An invitation to you, or yours, changed (new, accepted, declined, cancelled). */
  'invitation:updated': (invitation: Invitation) => void;
  /** A message from or to you in an agent-to-agent chat (also to your other tabs). */
  'direct:new': (message: DirectMessage) => void;
  /** The visitor (or a colleague) has seen the conversation up to seq. */
  seen: (event: SeenEvent) => void;
  /** A listed or watched visitor changed: page, state, identity, left (online: false). */
  'visitor:updated': (visitor: LiveVisitor) => void;
  /** How many visitors are on the sites now: on connect, then when it changes (at most 1/s). */
  'visitors:count': (event: { online: number }) => void;
  /** Your proactive invitation was answered (accepted: a chat now exists) or declined. */
  'proactive:updated': (invitation: ProactiveInvitation) => void;
  /** A ticket you may see was created, answered or changed: lists, the open ticket and the badge refresh. */
  'ticket:changed': (event: TicketChangedEvent) => void;
  /** An admin created, renamed, recoloured or deleted a tag: every agent's lists follow. */
  'tags:updated': (event: TagsUpdatedEvent) => void;
  error: (error: ErrorBody) => void;
}

/**
 * The event names of each map as a list. The argument must name every event of the map and
 * nothing else, so a list cannot fall behind its interface.
 */
const eventNames = <T>(all: Record<keyof T, true>) => Object.keys(all) as Array<keyof T & string>;

export const visitorClientEvents = /* @__PURE__ */ eventNames<VisitorClientEvents>({
  'widget:config': true,
  'conversation:current': true,
  'conversation:start': true,
  'conversation:close': true,
  'message:send': true,
  typing: true,
  sync: true,
  'message:seen': true,
  'options:answer': true,
  'ticket:create': true,
  'conversation:rate': true,
  'conversation:transcript': true,
  'visitor:me': true,
  'visitor:update': true,
  'invitation:decline': true,
  'conversation:earlier': true,
});

export const visitorServerEvents = /* @__PURE__ */ eventNames<VisitorServerEvents>({
  'message:new': true,
  typing: true,
  'conversation:updated': true,
  availability: true,
  seen: true,
  invitation: true,
  'visitor:updated': true,
  error: true,
});

export const agentClientEvents = /* @__PURE__ */ eventNames<AgentClientEvents>({
  'agent:status': true,
  'conversation:list': true,
  'conversation:watch': true,
  'conversation:unwatch': true,
  'conversation:accept': true,
  'conversation:close': true,
  'message:send': true,
  typing: true,
  sync: true,
  'message:seen': true,
  'conversation:reject': true,
  'conversation:transfer': true,
  'conversation:assign': true,
  'conversation:invite': true,
  'invitation:answer': true,
  'conversation:leave': true,
  'conversation:log': true,
  'agents:load': true,
  'direct:send': true,
  'direct:history': true,
  'visitors:list': true,
  'visitors:unsubscribe': true,
  'visitor:get': true,
  'visitor:unwatch': true,
  'visitor:invite': true,
  'visitor:ban': true,
  'conversation:sendPage': true,
});

export const agentServerEvents = /* @__PURE__ */ eventNames<AgentServerEvents>({
  'message:new': true,
  typing: true,
  'conversation:updated': true,
  'agent:updated': true,
  'invitation:updated': true,
  'direct:new': true,
  seen: true,
  'visitor:updated': true,
  'visitors:count': true,
  'proactive:updated': true,
  'ticket:changed': true,
  'tags:updated': true,
  error: true,
});
