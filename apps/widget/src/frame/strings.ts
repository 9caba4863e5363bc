import type { ErrorCode } from '@parley/protocol';
import type { FieldProblem, TicketField } from './state/ticketForm';

/**
 * Every sentence the visitor can read, in one place so that a translation can replace this
 * module later. Functions take the variable parts; nothing here is HTML.
 */
export const strings = {
  defaultTitle: 'Chat with us',
  online: 'We’re online',
  awayStatus: 'Leave us a message',
  agentSubtitle: (siteName: string) => siteName,
  minimize: 'Minimize',
  endChat: 'End chat',
  endChatQuestion: 'End this chat?',
  endChatConfirm: 'Yes, end chat',
  cancel: 'Cancel',

  messagesLabel: 'Messages',
  you: 'You',
  agentFallbackName: 'Support',
  systemAuthor: 'Notice',
  today: 'Today',
  yesterday: 'Yesterday',

  offlineTitle: 'Nobody is available right now',
  offlineBody: 'Leave us a message and we’ll get back to you by email.',
  waitingForAgent: 'Thanks! Someone from our team will be with you shortly.',
  /** "You’re number 2 in line · about 3 min" */
  queueStatus: (position: number, etaSeconds: number) =>
    `${strings.queuePosition(position)} · ${waitText(etaSeconds)}`,
  /** In line, when the estimate means nothing (nobody can take chats now). */
  queuePosition: (position: number) =>
    position === 1 ? 'You’re next in line' : `You’re number ${position} in line`,
  unservedWaited: 'Sorry for the wait — leave a message and we’ll get back to you by email.',
  unservedNobody:
    'Nobody is available right now — leave a message and we’ll get back to you by email.',
  leaveMessage: 'Leave a message',
  availableAgain: 'Someone is available now',
  chatInstead: 'Chat with us instead',
  keepWaiting: 'Keep waiting',

  formLabel: 'Leave a message',
  formName: 'Name',
  formEmail: 'Email',
  formMessage: 'Message',
  formSend: 'Send message',
  formSending: 'Sending…',
  fieldError: (field: TicketField, problem: FieldProblem) => fieldErrors[field][problem],
  formError: (code: string) =>
    code === 'DISCONNECTED' || code === 'TIMEOUT'
      ? 'We couldn’t reach the server. Check your connection and try again.'
      : code === 'RATE_LIMITED'
        ? 'Too many messages. Wait a moment and try again.'
        : code === 'VALIDATION_FAILED'
          ? 'Please check the form and try again.'
          : 'We couldn’t send your message. Please try again.',
  thanksTitle: 'Thank you!',
  thanksBody: 'We got your message and will reply by email.',
  sendAnother: 'Send another message',

  chooseDepartment: 'Choose a department',
  chooseDepartmentHint: 'So we can put you through to the right people.',

  typing: (name: string | null) => (name ? `${name} is typing…` : 'Typing…'),

  sending: 'Sending…',
  notSent: 'Not sent',
  retry: 'Retry',

  ended: 'This chat has ended',
  startNew: 'Start a new chat',

  composerLabel: 'Message',
  composerPlaceholder: 'Write a message…',
  composerHint: 'Enter to send · Shift+Enter for a new line',
  send: 'Send',
  tooLong: (max: number) => `Messages can be at most ${max} characters.`,

  attachFile: 'Attach file',
  emoji: 'Emoji',
  textDirection: 'Text direction',
  /** The direction toggle's tooltip: what pressing it does. */
  switchDirection: (rtl: boolean) => (rtl ? 'Type left to right' : 'Type right to left'),
  dropFiles: 'Drop files to send them',
  filesLabel: 'Files to send',
  removeFile: (name: string) => `Remove ${name}`,
  tooManyFiles: 'You can send up to 5 files in one message.',
  /** A file's size, and how far its upload is. */
  fileProgress: (size: string, percent: number | null) =>
    percent === null ? size : `${size} · ${percent}%`,
  fileError: (code: string, limitMb?: number) =>
    code === 'PAYLOAD_TOO_LARGE'
      ? `Too large${limitMb ? ` (max ${limitMb} MB)` : ''}`
      : code === 'UNSUPPORTED_FILE_TYPE'
        ? 'This file type isn’t allowed'
        : code === 'VALIDATION_FAILED'
          ? 'This file is empty'
          : 'Upload failed',
  openImage: (name: string) => `Open image ${name}`,
  download: (name: string) => `Download ${name}`,
  imageUnavailable: 'Image unavailable',
  downloadFailed: 'Download failed · try again',
  close: 'Close',
  seen: 'Seen',
  answerFailed: 'Your answer wasn’t sent. Please try again.',

  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  unavailable: 'Chat is not available right now.',
  poweredBy: 'Powered by Parley',
};

/** 45 s → "less than a minute", 170 s → "about 3 min", 2 h → "about 2 h". */
export function waitText(seconds: number): string {
  if (seconds < 60) return 'less than a minute';
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `about ${minutes} min` : `about ${Math.round(minutes / 60)} h`;
}

const fieldErrors: Record<TicketField, Record<FieldProblem, string>> = {
  name: {
    required: 'Please enter your name.',
    invalid: 'Please check your name.',
    tooLong: 'Your name can be at most 100 characters.',
  },
  email: {
    required: 'Please enter your email address.',
    invalid: 'Please enter a valid email address, like name@example.com.',
    tooLong: 'Please enter a valid email address, like name@example.com.',
  },
  message: {
    required: 'Please write your message.',
    invalid: 'Please check your message.',
    tooLong: 'Your message can be at most 5000 characters.',
  },
};

const errorText: Partial<Record<ErrorCode | 'TIMEOUT' | 'NETWORK' | 'UPLOAD_FAILED', string>> = {
  CONVERSATION_CLOSED: 'This chat has ended.',
  CHAT_DISABLED: 'Chat is switched off right now.',
  RATE_LIMITED: 'You’re sending messages too fast. Wait a moment.',
  PAYLOAD_TOO_LARGE: 'This message is too long.',
  VALIDATION_FAILED: 'This message can’t be sent.',
  STORAGE_UNAVAILABLE: 'We couldn’t save your message.',
  SHUTTING_DOWN: 'We’re restarting. Try again in a moment.',
  UPLOAD_FAILED: 'A file couldn’t be uploaded.',
};

/** A short reason for a failed send, by error code; unknown codes get a generic line. */
export function sendErrorText(code: string): string {
  return errorText[code as ErrorCode] ?? 'Something went wrong.';
}
