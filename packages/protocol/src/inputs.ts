import { z } from 'zod';
import { AgentRole, AgentStatus, ConversationStatus, Visibility } from './models.js';
import {
  MAX_ATTACHMENTS,
  MAX_CHOICE_LENGTH,
  MAX_CHOICES,
  MAX_HISTORY_PAGE,
  MAX_LIST_CONVERSATIONS,
  MAX_MESSAGE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_SYNC_CONVERSATIONS,
  MAX_TYPING_PREVIEW,
  MIN_CHOICES,
  PASSWORD_RULES,
} from './contract.js';

export { Id, ClientId } from './ids.js';
import { Id, ClientId } from './ids.js';

export const MessageBody = z
  .string()
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .pipe(
    z
      .string()
      .min(1, 'must not be empty')
      .max(MAX_MESSAGE_LENGTH, `must be at most ${MAX_MESSAGE_LENGTH} characters`),
  );

/** A message may be only files: then the body may be empty. */
const withFiles = <T extends { body: string; attachmentIds?: string[] | undefined }>(v: T) =>
  v.body.length > 0 || (v.attachmentIds?.length ?? 0) > 0;

const OptionalBody = z
  .string()
  .transform((s) => s.replace(/\r\n?/g, '\n').trim())
  .pipe(z.string().max(MAX_MESSAGE_LENGTH, `must be at most ${MAX_MESSAGE_LENGTH} characters`));

export const SendMessageInput = z
  .object({
    conversationId: Id,
    clientId: ClientId,
    body: OptionalBody,
    attachmentIds: z
      .array(Id)
      .max(MAX_ATTACHMENTS, `at most ${MAX_ATTACHMENTS} files per message`)
      .optional(),
  })
  .refine(withFiles, { message: 'must not be empty', path: ['body'] });
export type SendMessageInput = z.input<typeof SendMessageInput>;

export const AgentSendMessageInput = z
  .object({
    conversationId: Id,
    clientId: ClientId,
    body: OptionalBody,
    attachmentIds: z
      .array(Id)
      .max(MAX_ATTACHMENTS, `at most ${MAX_ATTACHMENTS} files per message`)
      .optional(),
    visibility: Visibility.default('public'),
    /** Sends the body as a question with 2 to 6 choices the visitor answers with a button. */
    choices: z
      .array(z.string().trim().min(1, 'must not be empty').max(MAX_CHOICE_LENGTH))
      .min(MIN_CHOICES, `give at least ${MIN_CHOICES} choices`)
      .max(MAX_CHOICES, `give at most ${MAX_CHOICES} choices`)
      .optional(),
  })
  .refine(withFiles, { message: 'must not be empty', path: ['body'] });

/** The visitor picks one of the choices of an options message. */
export const AnswerOptionsInput = z.object({
  conversationId: Id,
  messageId: Id,
  choice: z
    .number()
    .int()
    .min(0)
    .max(MAX_CHOICES - 1),
});
export type AnswerOptionsInput = z.infer<typeof AnswerOptionsInput>;

/** "I have seen everything up to this seq" (read receipts). */
export const SeenInput = z.object({ conversationId: Id, seq: z.number().int().nonnegative() });
export type SeenInput = z.infer<typeof SeenInput>;
export type AgentSendMessageInput = z.input<typeof AgentSendMessageInput>;

export const ConversationRef = z.object({ conversationId: Id });
export type ConversationRef = z.infer<typeof ConversationRef>;

export const TypingInput = z.object({
  conversationId: Id,
  typing: z.boolean(),
  /** What the visitor has typed so far (sneak peek); forwarded to agents when enabled, never stored. */
  preview: z.string().max(MAX_TYPING_PREVIEW).optional(),
});
export type TypingInput = z.infer<typeof TypingInput>;

/** Sent by a (re)connecting client: the last seq it holds per conversation. */
export const SyncInput = z.object({
  conversations: z
    .array(z.object({ id: Id, afterSeq: z.number().int().nonnegative() }))
    .max(MAX_SYNC_CONVERSATIONS),
});
export type SyncInput = z.infer<typeof SyncInput>;

export const SetStatusInput = z.object({ status: AgentStatus });
export type SetStatusInput = z.infer<typeof SetStatusInput>;

export const ListConversationsInput = z.object({
  status: ConversationStatus.optional(),
  /** Only conversations assigned to the caller. */
  mine: z.boolean().optional(),
  limit: z.number().int().min(1).max(MAX_LIST_CONVERSATIONS).default(50),
});
export type ListConversationsInput = z.input<typeof ListConversationsInput>;

export const HistoryQuery = z.object({
  afterSeq: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(MAX_HISTORY_PAGE).default(MAX_HISTORY_PAGE),
});
export type HistoryQuery = z.input<typeof HistoryQuery>;

export const LoginInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('must be an email address')),
  password: z.string().min(1, 'must not be empty').max(1024),
  /** With two-factor sign-in: the authenticator app's 6 digits, or a recovery code. */
  code: z.string().trim().max(20).optional(),
});
export type LoginInput = z.input<typeof LoginInput>;

/** Turning two-factor sign-in on: the first code the authenticator app shows. */
export const TwoFactorEnableInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be the 6 digits your app shows'),
});
export type TwoFactorEnableInput = z.input<typeof TwoFactorEnableInput>;

/** Turning it off needs the password again. */
export const TwoFactorDisableInput = z.object({
  password: z.string().min(1, 'must not be empty').max(1024),
});
export type TwoFactorDisableInput = z.input<typeof TwoFactorDisableInput>;

/** A new password: its length here, its strength checked by the server (PASSWORD_WEAK). */
const NewPassword = z
  .string()
  .min(PASSWORD_RULES.minLength, `must be at least ${PASSWORD_RULES.minLength} characters`)
  .max(PASSWORD_RULES.maxLength);

export const CreateAgentInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('must be an email address')),
  name: z.string().trim().min(1, 'must not be empty').max(MAX_NAME_LENGTH),
  password: NewPassword,
  role: AgentRole.default('agent'),
  /** The sites the agent works on; every current site when left out. */
  siteIds: z.array(Id).max(1000).optional(),
});
export type CreateAgentInput = z.input<typeof CreateAgentInput>;

/** An agent changes their own password; every other session of theirs ends. */
export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1, 'must not be empty').max(PASSWORD_RULES.maxLength),
  newPassword: NewPassword,
});
export type ChangePasswordInput = z.input<typeof ChangePasswordInput>;

/** "Forgot password?": the answer is the same whether or not the address is an agent's. */
export const PasswordResetRequestInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email('must be an email address')),
});
export type PasswordResetRequestInput = z.input<typeof PasswordResetRequestInput>;

/** The token from the emailed link, and the new password. */
export const PasswordResetInput = z.object({
  token: z.string().min(20).max(200),
  newPassword: NewPassword,
});
export type PasswordResetInput = z.input<typeof PasswordResetInput>;

export const StartSessionInput = z.object({
  siteKey: z.string().min(1).max(64),
});
export type StartSessionInput = z.infer<typeof StartSessionInput>;
