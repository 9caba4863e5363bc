import type { Agent, Conversation, ErrorCode, Message } from '@parley/protocol';

/**
 * The console's normalized state. Transitions on it (messages.ts, conversations.ts, pending.ts)
 * are pure: each returns a new object when something changed and the same object when nothing
 * did, so subscribers (useSyncExternalStore) re-render only on real changes.
 */

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

/** Why a send failed: a protocol error code, or no reply in time. */
export interface SendFailure {
  code: ErrorCode | 'NO_REPLY';
  message: string;
}

export interface PendingMessage {
  clientId: string;
  conversationId: string;
  body: string;
  /** Local time of the first attempt; orders pending sends among themselves. */
  createdAt: string;
  state: 'sending' | 'failed';
  error: SendFailure | null;
}

export interface Notice {
  id: number;
  message: string;
  tone: 'info' | 'error';
}

export type Table<T> = Readonly<Record<string, T>>;

export interface ConsoleState {
  me: Agent;
  connection: ConnectionState;
  /** True once the first lists of waiting and own chats arrived. */
  loaded: boolean;
  conversations: Table<Conversation>;
  /** Per conversation: unique by id, ascending by seq. */
  messages: Table<readonly Message[]>;
  /**
   * Per conversation: every message up to this seq is accounted for (held, or already seen
   * before this page load). A reconnect asks the server for what came after it.
   */
  syncedSeq: Table<number>;
  /** Per conversation: true once its full history was fetched (by watching it). */
  historyLoaded: Table<boolean>;
  /** Sends not yet confirmed by the server, by clientId. */
  pending: Table<PendingMessage>;
  /** Per conversation: the highest seq the agent has had in front of them. */
  readSeq: Table<number>;
  /** Conversations the agent has opened at least once in this session. */
  opened: Table<true>;
  visitorTyping: Table<boolean>;
  selectedId: string | null;
  notice: Notice | null;
}

export function initialState(me: Agent): ConsoleState {
  return {
    me,
    connection: 'connecting',
    loaded: false,
    conversations: {},
    messages: {},
    syncedSeq: {},
    historyLoaded: {},
    pending: {},
    readSeq: {},
    opened: {},
    visitorTyping: {},
    selectedId: null,
    notice: null,
  };
}

export function without<T>(table: Table<T>, key: string): Table<T> {
  if (!(key in table)) return table;
  const copy = { ...table };
  delete copy[key];
  return copy;
}
