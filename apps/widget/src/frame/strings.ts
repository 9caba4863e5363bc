import type { ErrorCode, SystemEvent, WidgetLanguage } from '@parley/protocol';
import type { FieldProblem } from './state/ticketForm';

export type { FieldProblem };

/**
 * Every sentence the visitor can read. English is bundled; each other language is a JSON file
 * (locales/*.json, same keys) fetched when chosen, which overwrites `strings` in place, so
 * components read `strings.x` while rendering and never keep a copy. Variable parts are `{0}`,
 * filled in by `fmt`; nothing here is HTML.
 */
export const en = {
  frameTitle: 'Chat',
  defaultTitle: 'Chat with us',
  online: 'We’re online',
  awayStatus: 'Leave us a message',
  minimize: 'Minimize',
  moreOptions: 'More options',
  close: 'Close',
  cancel: 'Cancel',

  endChat: 'End chat',
  endChatQuestion: 'End this chat?',
  endChatBody: 'The conversation stays here for you to read.',
  endChatConfirm: 'Yes, end chat',

  messagesLabel: 'Messages',
  conversationLabel: 'Conversation',
  you: 'You',
  agentFallbackName: 'Support',
  today: 'Today',
  yesterday: 'Yesterday',

  offlineTitle: 'Nobody is available right now',
  offlineBody: 'Leave us a message and we’ll get back to you by email.',
  waitingForAgent: 'Thanks! Someone from our team will be with you shortly.',
  queueNext: 'You’re next in line',
  queueNumber: 'You’re number {0} in line',
  lessThanMinute: 'less than a minute',
  /** {0} is "3 min" / "2 hr", formatted by Intl in the chosen language. */
  about: 'about {0}',
  /** How Intl writes the units in `about`: short reads well in English, long elsewhere. */
  unitDisplay: 'short' as 'short' | 'long',
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
  reqName: 'Please enter your name.',
  reqEmail: 'Please enter your email address.',
  reqMessage: 'Please write your message.',
  reqField: 'Please fill in this field.',
  reqDepartment: 'Please choose a department.',
  badEmail: 'Please enter a valid email address, like name@example.com.',
  badField: 'Please check this field.',
  tooLongName: 'Your name can be at most 100 characters.',
  tooLongMessage: 'Your message can be at most 5000 characters.',
  tooLongField: 'This answer is too long.',
  errNetwork: 'We couldn’t reach the server. Check your connection and try again.',
  errTooMany: 'Too many messages. Wait a moment and try again.',
  errCheckForm: 'Please check the form and try again.',
  errSendForm: 'We couldn’t send your message. Please try again.',
  thanksTitle: 'Thank you!',
  thanksBody: 'We got your message and will reply by email.',
  sendAnother: 'Send another message',

  chooseDepartment: 'Choose a department',
  chooseDepartmentHint: 'So we can put you through to the right people.',

  typingName: '{0} is typing…',
  typingAnon: 'Typing…',
  sending: 'Sending…',
  notSent: 'Not sent',
  retry: 'Retry',
  seen: 'Seen',
  answerFailed: 'Your answer wasn’t sent. Please try again.',

  ended: 'This chat has ended',
  sysJoined: '{0} joined the chat',
  sysLeft: '{0} left the chat',
  sysTookOver: '{0} took over the chat',
  sysEndedByYou: 'You ended the chat',
  sysEndedByAgent: '{0} ended the chat',
  sysLeftMessage: 'You left a message instead of waiting',
  startNew: 'Start a new chat',

  composerLabel: 'Message',
  composerPlaceholder: 'Write a message…',
  send: 'Send',
  attachFile: 'Attach file',
  emoji: 'Emoji',
  textDirection: 'Text direction',
  typeLtr: 'Type left to right',
  typeRtl: 'Type right to left',
  dropFiles: 'Drop files to send them',
  filesLabel: 'Files to send',
  removeFile: 'Remove {0}',
  tooManyFiles: 'You can send up to 5 files in one message.',
  fileTooLarge: 'Too large',
  fileTooLargeMax: 'Too large (max {0} MB)',
  fileType: 'This file type isn’t allowed',
  fileEmpty: 'This file is empty',
  fileFailed: 'Upload failed',
  fileQuota: 'File limit reached',
  openImage: 'Open image {0}',
  download: 'Download {0}',
  imageUnavailable: 'Image unavailable',
  downloadFailed: 'Download failed · try again',

  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  unavailable: 'Chat is not available right now.',
  poweredBy: 'Powered by Parley',

  errClosed: 'This chat has ended.',
  errDisabled: 'Chat is switched off right now.',
  errTooFast: 'You’re sending messages too fast. Wait a moment.',
  errTooLongMsg: 'This message is too long.',
  errInvalidMsg: 'This message can’t be sent.',
  errStorage: 'We couldn’t save your message.',
  errRestarting: 'We’re restarting. Try again in a moment.',
  errUpload: 'A file couldn’t be uploaded.',
  errGeneric: 'Something went wrong.',

  muteSounds: 'Mute sounds',
  yourDetails: 'Your details',
  detailsIntro: 'So our team knows who they’re talking to.',
  verified: 'Verified',
  save: 'Save',
  saving: 'Saving…',
  saved: 'Saved',
  emailTranscript: 'Email transcript',
  transcriptIntro: 'We’ll send a copy of this conversation to your inbox.',
  sendTranscript: 'Send transcript',
  transcriptToShop: 'Also send it to the shop',
  sentTo: 'Sent to {0}',

  rateTitle: 'How was this chat?',
  good: 'Good',
  bad: 'Bad',
  commentLabel: 'Anything you’d like to add? (optional)',
  sendFeedback: 'Send feedback',
  ratingThanks: 'Thanks for your feedback!',

  prechatTitle: 'Before we start',
  prechatIntro: 'A few details help us put you through to the right person.',
  department: 'Department',
  choose: 'Choose…',
  optional: 'optional',
  startChat: 'Start chat',
  starting: 'Starting…',

  noThanks: 'No thanks',
  view: 'View',

  earlier: 'Earlier conversations ({0})',
  thisChat: 'This conversation',
  olderChats: 'Older conversations',
};

export type Strings = typeof en;

/** What the chat shows now: English until another language has loaded. */
export const strings: Strings = { ...en };

let current: WidgetLanguage = 'en';

/** The language of `strings`, for Intl. */
export function currentLanguage(): WidgetLanguage {
  return current;
}

/** Puts a loaded language in place; components pick it up on their next render. */
export function applyStrings(language: WidgetLanguage, dictionary: Strings): void {
  Object.assign(strings, dictionary);
  current = language;
}

/** `{0}` in `template` replaced by `value`; numbers are written the language's way. */
export function fmt(template: string, value: string | number): string {
  const text = typeof value === 'number' ? value.toLocaleString(current) : value;
  return template.replace('{0}', () => text);
}

/** A system line in the visitor's language. */
export function systemText(e: SystemEvent): string {
  const name = e.name ?? strings.agentFallbackName;
  switch (e.event) {
    case 'joined':
      return fmt(strings.sysJoined, name);
    case 'left':
      return fmt(strings.sysLeft, name);
    case 'took_over':
      return fmt(strings.sysTookOver, name);
    case 'ended_by_visitor':
      return strings.sysEndedByYou;
    case 'ended_by_agent':
      return fmt(strings.sysEndedByAgent, name);
    case 'left_message':
      return strings.sysLeftMessage;
    default:
      return strings.ended;
  }
}

/** 45 s → "less than a minute", 170 s → "about 3 min", 2 h → "about 2 hr". */
export function waitText(seconds: number): string {
  if (seconds < 60) return strings.lessThanMinute;
  const minutes = Math.round(seconds / 60);
  const [n, unit] = minutes < 90 ? [minutes, 'minute'] : [Math.round(minutes / 60), 'hour'];
  const amount = new Intl.NumberFormat(current, {
    style: 'unit',
    unit,
    unitDisplay: strings.unitDisplay,
  }).format(n);
  return fmt(strings.about, amount);
}

export function queuePosition(position: number): string {
  return position === 1 ? strings.queueNext : fmt(strings.queueNumber, position);
}

/** "You’re number 2 in line · about 3 min" */
export function queueStatus(position: number, etaSeconds: number): string {
  return `${queuePosition(position)} · ${waitText(etaSeconds)}`;
}

/** A form field's problem in words; name, email and message have their own. */
export function fieldError(field: string, problem: FieldProblem): string {
  if (problem === 'required')
    return field === 'name'
      ? strings.reqName
      : field === 'email'
        ? strings.reqEmail
        : field === 'message'
          ? strings.reqMessage
          : field === 'department'
            ? strings.reqDepartment
            : strings.reqField;
  if (field === 'email') return strings.badEmail;
  if (problem === 'invalid') return strings.badField;
  return field === 'name'
    ? strings.tooLongName
    : field === 'message'
      ? strings.tooLongMessage
      : strings.tooLongField;
}

/** Why a form could not be sent, by error code. */
export function formError(code: string): string {
  return code === 'DISCONNECTED' || code === 'TIMEOUT'
    ? strings.errNetwork
    : code === 'RATE_LIMITED'
      ? strings.errTooMany
      : code === 'VALIDATION_FAILED'
        ? strings.errCheckForm
        : strings.errSendForm;
}

const sendErrors: Partial<Record<ErrorCode | 'UPLOAD_FAILED', keyof Strings>> = {
  CONVERSATION_CLOSED: 'errClosed',
  CHAT_DISABLED: 'errDisabled',
  RATE_LIMITED: 'errTooFast',
  PAYLOAD_TOO_LARGE: 'errTooLongMsg',
  VALIDATION_FAILED: 'errInvalidMsg',
  STORAGE_UNAVAILABLE: 'errStorage',
  SHUTTING_DOWN: 'errRestarting',
  UPLOAD_FAILED: 'errUpload',
};

/** A short reason for a failed send, by error code; unknown codes get a generic line. */
export function sendErrorText(code: string): string {
  return strings[sendErrors[code as ErrorCode] ?? 'errGeneric'] as string;
}

/** Why a file in the tray was refused. */
export function fileError(code: string, limitMb?: number): string {
  return code === 'PAYLOAD_TOO_LARGE'
    ? limitMb
      ? fmt(strings.fileTooLargeMax, limitMb)
      : strings.fileTooLarge
    : code === 'UNSUPPORTED_FILE_TYPE'
      ? strings.fileType
      : code === 'VALIDATION_FAILED'
        ? strings.fileEmpty
        : code === 'QUOTA_EXCEEDED'
          ? strings.fileQuota
          : strings.fileFailed;
}

/** The site's own text for the chat's current language (greeting, offline text), if it has one. */
export function inLanguage(
  texts: Readonly<Record<string, string>> | undefined,
): string | undefined {
  return texts?.[current] || undefined;
}
