import type {
  Agent,
  Attachment,
  Conversation,
  DirectMessage,
  ErrorCode,
  Invitation,
  Message,
  OrgSettings,
  ProactiveInvitation,
  VisitorDetails,
  Visibility,
} from '@parley/protocol';
import { initialVisitors, type VisitorsState } from '../visitors/visitors';

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
  /** Private notes go to agents only; the visitor never receives them. */
  visibility: Visibility;
  /** Uploaded files going with it: a retry sends the same ids. */
  attachments?: readonly Attachment[];
  /** Set for an options message: the body is the question. */
  choices?: readonly string[];
  /** Local time of the first attempt; orders pending sends among themselves. */
  createdAt: string;
  state: 'sending' | 'failed';
  error: SendFailure | null;
}

/** A direct (agent-to-agent) message on its way. */
export interface PendingDirect {
  clientId: string;
  toAgentId: string;
  body: string;
  createdAt: string;
  state: 'sending' | 'failed';
  error: SendFailure | null;
}

/** A colleague as the team panel shows them; load fields are null when the reader may not see them. */
export interface TeamMember {
  agent: Agent;
  connected: boolean | null;
  activeChats: number | null;
  maxChats: number | null;
  departmentIds: string[];
}

export interface TeamState {
  members: readonly TeamMember[];
  /** Local time of the last successful refresh; 0 before the first. */
  refreshedAt: number;
  error: string | null;
}

export interface Notice {
  id: number;
  message: string;
  tone: 'info' | 'error';
  /** Stays until dismissed (the agent may not be looking when it appears). */
  sticky?: boolean;
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
  /** Chats handed to the agent (transfer, assignment) that they have not opened yet: "New". */
  handedOver: Table<true>;
  visitorTyping: Table<boolean>;
  /** Sneak peek: what the visitor is typing, while they type (never stored anywhere). */
  visitorPreview: Table<string>;
  /** Read receipts: the highest seq the visitor reported seeing, from live `seen` events. */
  visitorSeen: Table<number>;
  selectedId: string | null;
  notice: Notice | null;
  /** Chats this agent turned down: off their list until offered to them again. */
  rejected: Table<true>;
  /** Per conversation offered to me: local time (ms) the offer was first seen, for the countdown. */
  offerSeenAt: Table<number>;
  /** Invitations to or from me, by id, as last reported by the server. */
  invitations: Table<Invitation>;
  /** Organisation settings (offer timeout, auto-away, ...); null until loaded. */
  settings: OrgSettings | null;
  team: TeamState;
  /** Direct messages per colleague (their agent id), ascending by seq. */
  directs: Table<readonly DirectMessage[]>;
  /** Per colleague: the highest direct seq the agent has read. */
  directRead: Table<number>;
  /** Per colleague: true once the thread's history was fetched. */
  directLoaded: Table<boolean>;
  directPending: Table<PendingDirect>;
  /** The colleague whose direct chat fills the main area, if any. */
  directWith: string | null;
  /** Visitors on the sites (the Visitors page) and how many there are. */
  visitors: VisitorsState;
  /** Visitors someone on screen looks at (chat panel, details drawer), kept live while watched. */
  visitorDetails: Table<VisitorDetails>;
  /** Why a watched visitor's details could not be read. */
  visitorDetailsError: Table<string>;
  /** My proactive invitations to visitors, by id. */
  proactive: Table<ProactiveInvitation>;
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
    handedOver: {},
    visitorTyping: {},
    visitorPreview: {},
    visitorSeen: {},
    selectedId: null,
    notice: null,
    rejected: {},
    offerSeenAt: {},
    invitations: {},
    settings: null,
    team: { members: [], refreshedAt: 0, error: null },
    directs: {},
    directRead: {},
    directLoaded: {},
    directPending: {},
    directWith: null,
    visitors: initialVisitors(),
    visitorDetails: {},
    visitorDetailsError: {},
    proactive: {},
  };
}

export function without<T>(table: Table<T>, key: string): Table<T> {
  if (!(key in table)) return table;
  const copy = { ...table };
  delete copy[key];
  return copy;
}
