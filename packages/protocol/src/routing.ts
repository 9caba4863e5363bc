import { z } from 'zod';
import { ClientId, Id, MessageBody } from './inputs.js';
import { Agent } from './models.js';
import { VisitorName } from './visitors.js';
import {
  agentRoles,
  cannedScopes,
  distributions,
  invitationStatuses,
  MAX_AUTO_GREETING,
  MAX_CANNED_BODY,
  MAX_CANNED_SHORTCUT,
  MAX_CANNED_TITLE,
  MAX_NAME_LENGTH,
  MAX_PRECHAT_ANSWER,
  MAX_PRECHAT_FIELD_ID,
  MAX_TICKET_LENGTH,
  ORG_SETTING_RANGES,
  routingLogKinds,
} from './contract.js';

/** How a department hands out chats. */
export const Distribution = z.enum(distributions);
export type Distribution = z.infer<typeof Distribution>;

export const Department = z.object({
  id: z.string(),
  name: z.string(),
  distribution: Distribution,
  memberIds: z.array(z.string()),
});
export type Department = z.infer<typeof Department>;

/** A numeric organisation setting, within its range and with its default. */
const setting = (key: keyof typeof ORG_SETTING_RANGES) => {
  const { min, max, default: value } = ORG_SETTING_RANGES[key];
  return z.number().int().min(min).max(max).default(value);
};

/** Organisation-wide settings; every field has the default a fresh install uses. */
export const OrgSettings = z.object({
  /** Off hides the widget on every site. */
  chatEnabled: z.boolean().default(true),
  /** Simultaneous chats per agent unless the agent has an override. */
  maxChatsPerAgent: setting('maxChatsPerAgent'),
  /** An offer not answered within this time goes back to the queue and to another agent. */
  offerTimeoutSeconds: setting('offerTimeoutSeconds'),
  /** After waiting this long with nobody able to take it, the visitor is offered the message form. */
  maxWaitSeconds: setting('maxWaitSeconds'),
  /** Sent on the agent's behalf when a chat is accepted; empty for none. Supports {visitor} and {agent}. */
  autoGreeting: z.string().max(MAX_AUTO_GREETING).default(''),
  /** Minutes without activity before the console sets the agent Away; 0 for never. */
  autoAwayMinutes: setting('autoAwayMinutes'),
  /** How long an agent with no live connection stays as they were before going Offline. */
  offlineGraceSeconds: setting('offlineGraceSeconds'),
  /** Largest file a visitor or agent may send, in MB. */
  maxFileMb: setting('maxFileMb'),
  /** Off: text, PDF and images only. On: any type (still never served inline). */
  allowAnyFileType: z.boolean().default(false),
  /** 0: a chat's files are removed when it closes; N: kept N days after it closed. */
  fileRetentionDays: setting('fileRetentionDays'),
  /** Agents see what the visitor is typing before they send it (never stored). */
  sneakPeek: z.boolean().default(true),
  /** The widget header shows the agent's photo. */
  showAgentPhoto: z.boolean().default(true),
  /** Visitors' page views (navigation) are kept this many days. */
  navigationRetentionDays: setting('navigationRetentionDays'),
  /** Solved and closed tickets are deleted, files included, this many days after their last change; 0 keeps them. */
  ticketRetentionDays: setting('ticketRetentionDays'),
  /** Admins must sign in with a second factor (an authenticator app's code). */
  requireTwoFactorForAdmins: z.boolean().default(false),
});
export type OrgSettings = z.infer<typeof OrgSettings>;
export const OrgSettingsPatch = OrgSettings.partial();
export type OrgSettingsPatch = z.infer<typeof OrgSettingsPatch>;

export const RoutingLogKind = z.enum(routingLogKinds);
export type RoutingLogKind = z.infer<typeof RoutingLogKind>;

export const RoutingLogEntry = z.object({
  at: z.string(),
  kind: RoutingLogKind,
  agent: z.object({ id: z.string(), name: z.string() }).nullable(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** renamed: the new title (null: cleared); tagged/untagged: the tag's name at the time. */
  detail: z.string().nullable().optional(),
});
export type RoutingLogEntry = z.infer<typeof RoutingLogEntry>;

/** An agent as supervisors watch them: status, live connection, load against capacity. */
export const AgentLoad = z.object({
  agent: Agent,
  connected: z.boolean(),
  activeChats: z.number().int().nonnegative(),
  maxChats: z.number().int().positive(),
  departmentIds: z.array(z.string()),
});
export type AgentLoad = z.infer<typeof AgentLoad>;

export const Invitation = z.object({
  id: z.string(),
  conversationId: z.string(),
  inviter: z.object({ id: z.string(), name: z.string() }),
  invitee: z.object({ id: z.string(), name: z.string() }),
  inviterLeaves: z.boolean(),
  status: z.enum(invitationStatuses),
  createdAt: z.string(),
});
export type Invitation = z.infer<typeof Invitation>;

// Inputs

export const DepartmentInput = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(MAX_NAME_LENGTH),
  distribution: Distribution.default('least_busy'),
  memberIds: z.array(Id).max(500).default([]),
});
export type DepartmentInput = z.input<typeof DepartmentInput>;

export const TicketInput = z.object({
  name: VisitorName,
  email: z.string().trim().toLowerCase().pipe(z.email('must be an email address')),
  message: z.string().trim().min(1, 'must not be empty').max(MAX_TICKET_LENGTH),
});
export type TicketInput = z.input<typeof TicketInput>;

export const StartConversationInput = z.object({
  departmentId: Id.optional(),
  /** Answers to the site's pre-chat fields, by field id. */
  prechat: z
    .record(z.string().max(MAX_PRECHAT_FIELD_ID), z.string().trim().max(MAX_PRECHAT_ANSWER))
    .optional(),
  /** Replying to a proactive invitation: the chat goes straight to the inviting agent. */
  invitationId: Id.optional(),
});
export type StartConversationInput = z.infer<typeof StartConversationInput>;

export const TransferInput = z.object({ conversationId: Id, agentId: Id });
export type TransferInput = z.infer<typeof TransferInput>;

/** Invite a named agent, or a random available member of a department. */
export const InviteInput = z
  .object({
    conversationId: Id,
    agentId: Id.optional(),
    departmentId: Id.optional(),
    /** The inviter leaves the chat to the invitee once they accept. */
    leave: z.boolean().default(false),
  })
  .refine((v) => Boolean(v.agentId) !== Boolean(v.departmentId), {
    message: 'give either agentId or departmentId',
    path: ['agentId'],
  });
export type InviteInput = z.input<typeof InviteInput>;

export const AnswerInvitationInput = z.object({ invitationId: Id, accept: z.boolean() });
export type AnswerInvitationInput = z.infer<typeof AnswerInvitationInput>;

export const AgentUpdateInput = z
  .object({
    name: z.string().trim().min(1).max(MAX_NAME_LENGTH).optional(),
    role: z.enum(agentRoles).optional(),
    /** Null clears the override and the organisation default applies. */
    maxChats: z
      .number()
      .int()
      .min(ORG_SETTING_RANGES.maxChatsPerAgent.min)
      .max(ORG_SETTING_RANGES.maxChatsPerAgent.max)
      .nullable()
      .optional(),
    /** Admins deactivate (true) and reactivate (false) an agent; their sessions end at once. */
    deactivated: z.boolean().optional(),
    /** The sites the agent works on, replacing the ones they had; their open sockets follow at once. */
    siteIds: z.array(Id).max(1000).optional(),
  })
  // A password here would be silently ignored: it is changed at PUT /agents/me/password.
  .strict();
export type AgentUpdateInput = z.input<typeof AgentUpdateInput>;

/** A message between two agents, outside any visitor conversation. */
export const DirectMessage = z.object({
  id: z.string(),
  seq: z.number().int().positive(),
  clientId: z.string(),
  senderId: z.string(),
  recipientId: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export type DirectMessage = z.infer<typeof DirectMessage>;

export const DirectSendInput = z.object({ toAgentId: Id, clientId: ClientId, body: MessageBody });
export type DirectSendInput = z.input<typeof DirectSendInput>;

export const DirectHistoryInput = z.object({
  agentId: Id,
  afterSeq: z.number().int().nonnegative().default(0),
});
export type DirectHistoryInput = z.input<typeof DirectHistoryInput>;

export const CannedScope = z.enum(cannedScopes);
export type CannedScope = z.infer<typeof CannedScope>;

/** A saved reply. The body may hold {visitor}, {agent} and {department}, filled in on insert. */
export const CannedResponse = z.object({
  id: z.string(),
  scope: CannedScope,
  ownerId: z.string().nullable(),
  departmentId: z.string().nullable(),
  title: z.string(),
  shortcut: z.string().nullable(),
  body: z.string(),
});
export type CannedResponse = z.infer<typeof CannedResponse>;

export const CannedResponseInput = z
  .object({
    scope: CannedScope.default('personal'),
    departmentId: Id.nullable().optional(),
    title: z.string().trim().min(1, 'must not be empty').max(MAX_CANNED_TITLE),
    shortcut: z
      .string()
      .trim()
      .regex(
        new RegExp(`^[a-z0-9_-]{1,${MAX_CANNED_SHORTCUT}}$`, 'i'),
        'letters, digits, - and _ only (typed after /)',
      )
      .nullable()
      .optional(),
    body: z.string().trim().min(1, 'must not be empty').max(MAX_CANNED_BODY),
  })
  .refine((v) => v.scope !== 'department' || Boolean(v.departmentId), {
    message: 'a department response needs a department',
    path: ['departmentId'],
  });
export type CannedResponseInput = z.input<typeof CannedResponseInput>;
