import type { ErrorCode } from '@parley/protocol';

/**
 * Every sentence the visitor can read, in one place so that a translation can replace this
 * module later. Functions take the variable parts; nothing here is HTML.
 */
export const strings = {
  defaultTitle: 'Chat with us',
  online: 'We’re online',
  awayStatus: 'We’ll reply as soon as we can',
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

  offlineTitle: 'Nobody is online right now',
  offlineBody: 'Leave us a message and we’ll get back to you here as soon as someone is available.',
  waitingForAgent: 'Thanks! Someone from our team will be with you shortly.',
  queuePosition: (position: number) =>
    position === 1
      ? 'You’re next in line. Someone will be with you shortly.'
      : `You’re number ${position} in line. Someone will be with you shortly.`,

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

  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  unavailable: 'Chat is not available right now.',
  poweredBy: 'Powered by Parley',
};

const errorText: Partial<Record<ErrorCode | 'TIMEOUT' | 'NETWORK', string>> = {
  CONVERSATION_CLOSED: 'This chat has ended.',
  CHAT_DISABLED: 'Chat is switched off right now.',
  RATE_LIMITED: 'You’re sending messages too fast. Wait a moment.',
  PAYLOAD_TOO_LARGE: 'This message is too long.',
  VALIDATION_FAILED: 'This message can’t be sent.',
  STORAGE_UNAVAILABLE: 'We couldn’t save your message.',
  SHUTTING_DOWN: 'We’re restarting. Try again in a moment.',
};

/** A short reason for a failed send, by error code; unknown codes get a generic line. */
export function sendErrorText(code: string): string {
  return errorText[code as ErrorCode] ?? 'Something went wrong.';
}
