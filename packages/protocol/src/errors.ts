/**
 * Every error a client can see. The code is stable (clients branch on it); the status is the
 * HTTP status used on REST; the message is a human default that a server may make more specific.
 */
export const errorCatalog = {
  VALIDATION_FAILED: { status: 400, message: 'The request is not valid.' },
  UNAUTHENTICATED: { status: 401, message: 'Sign in first.' },
  INVALID_CREDENTIALS: { status: 401, message: 'Wrong email or password.' },
  PASSWORD_WEAK: { status: 400, message: 'This password is too easy to guess.' },
  RESET_LINK_INVALID: {
    status: 400,
    message: 'This reset link is invalid, used or expired; ask for a new one.',
  },
  TWO_FACTOR_REQUIRED: { status: 401, message: 'Enter the code from your authenticator app.' },
  TWO_FACTOR_INVALID: { status: 401, message: 'That code is not right; enter the current one.' },
  TWO_FACTOR_SETUP_REQUIRED: {
    status: 403,
    message: 'Set up two-factor sign-in first: admins of this organisation must use it.',
  },
  CSRF_FAILED: { status: 403, message: 'Missing or wrong CSRF token.' },
  SSO_DISABLED: { status: 403, message: 'Single sign-on is not turned on.' },
  SSO_DISCOVERY_FAILED: {
    status: 400,
    message: 'The identity provider could not be reached at this issuer URL.',
  },
  SSO_STATE_INVALID: {
    status: 400,
    message: 'That sign-in link is invalid, used or expired; start again.',
  },
  SSO_FAILED: { status: 401, message: 'The identity provider did not confirm who you are.' },
  SSO_NOT_LINKED: {
    status: 403,
    message: 'Your account at the identity provider is not linked to a Parley agent.',
  },
  SSO_EMAIL_UNVERIFIED: {
    status: 403,
    message: 'The identity provider has not verified your email address.',
  },
  SSO_ACCOUNT_DISABLED: { status: 403, message: 'This agent account is deactivated.' },
  FORBIDDEN: { status: 403, message: 'You are not allowed to do that.' },
  ORIGIN_NOT_ALLOWED: { status: 403, message: 'This origin is not allowed.' },
  CHAT_DISABLED: { status: 403, message: 'Chat is switched off for this site.' },
  /** Deliberately neutral: a banned visitor is not told they are banned. */
  BANNED: { status: 403, message: 'Chat is not available right now.' },
  IDENTITY_INVALID: { status: 401, message: 'The identity signature is not valid.' },
  IDENTITY_REQUIRED: { status: 403, message: 'This site accepts signed identities only.' },
  URL_NOT_ALLOWED: {
    status: 400,
    message: "Only pages of this site's allowed origins can be sent.",
  },
  UNSUPPORTED_FILE_TYPE: { status: 415, message: 'This type of file is not allowed.' },
  NOT_FOUND: { status: 404, message: 'Not found.' },
  EMAIL_TAKEN: { status: 409, message: 'An agent with this email already exists.' },
  INVITATION_PENDING: { status: 409, message: 'This chat already has a pending invitation.' },
  ALREADY_TAKEN: { status: 409, message: 'Another agent has already taken this chat.' },
  TAG_NAME_TAKEN: { status: 409, message: 'A tag with this name already exists.' },
  TOO_MANY_TAGS: { status: 409, message: 'This chat has as many tags as it may have.' },
  CONVERSATION_CLOSED: { status: 409, message: 'This conversation is closed.' },
  CONFIRMATION_MISMATCH: {
    status: 400,
    message: 'What you typed does not match; nothing was erased.',
  },
  PAYLOAD_TOO_LARGE: { status: 413, message: 'The request is too large.' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; slow down.' },
  /** A total, not a window: waiting does not help (files per chat, or per visitor and day). */
  QUOTA_EXCEEDED: { status: 403, message: 'You have sent as many files as allowed.' },
  TOO_MANY_ATTEMPTS: { status: 429, message: 'Too many attempts, try again later.' },
  MAIL_FAILED: { status: 502, message: 'The email could not be sent; try again.' },
  STORAGE_UNAVAILABLE: { status: 503, message: 'Storage is unavailable; nothing was saved.' },
  SHUTTING_DOWN: { status: 503, message: 'The server is restarting; try again.' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side.' },
} as const;

export type ErrorCode = keyof typeof errorCatalog;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** Field-level problems for VALIDATION_FAILED: path -> message. */
  details?: Record<string, string>;
}

/** The shape of every REST error response: `{ error: { code, message } }`. */
export interface ErrorResponse {
  error: ErrorBody;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCatalog, value);
}
