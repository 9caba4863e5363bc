import type { Agent, Tag } from '@parley/protocol';
import { io } from 'socket.io-client';
import {
  request,
  type AgentSocket,
  type DataOf,
  type PayloadOf,
  type RequestEvent,
  type RequestResult,
} from './request';
import { initialState, type ConsoleState, type Notice, type SendFailure } from './state';

export interface AgentClientOptions {
  me: Agent;
  /** Called when the server no longer accepts this session (expired, signed out elsewhere). */
  onSessionLost: () => void;
  /** Answers whether the sign-in session is still valid, to tell a refusal from an outage. */
  checkSession: () => Promise<boolean>;
  /** Whether the agent can see the page now; hidden pages do not mark messages read. */
  isVisible?: () => boolean;
  createSocket?: () => AgentSocket;
  /** Colleagues for agents who may not read the team load (REST `GET /agents`). */
  fetchAgents?: () => Promise<Agent[]>;
  /** The installation's tags (REST `GET /tags`). */
  fetchTags?: () => Promise<Tag[]>;
}

export type ActionResult = { ok: true } | { ok: false; message: string; code?: string };

/** A refused request as an action's answer: the server's words and its code. */
export const refused = (error: SendFailure): ActionResult => ({
  ok: false,
  message: error.message,
  code: error.code,
});

/**
 * The one store the console's features share: the normalized state and its listeners, the
 * agent socket with the one function every request goes through, and the notices. The
 * feature controllers (connection, conversations, sending, team, visitors, direct) keep no
 * state the UI draws; it all lives here.
 */
export class Store {
  state: ConsoleState;
  readonly socket: AgentSocket;
  stopped = false;
  /** Runs after every change, before the listeners hear of it (read receipts go out here). */
  afterUpdate: () => void = () => undefined;
  private readonly listeners = new Set<() => void>();
  private noticeSeq = 0;

  constructor(readonly options: AgentClientOptions) {
    this.state = initialState(options.me);
    this.socket =
      options.createSocket?.() ??
      io('/agent', {
        withCredentials: true,
        transports: ['websocket', 'polling'],
        autoConnect: false,
      });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  update(next: ConsoleState): void {
    if (next === this.state) return;
    this.state = next;
    this.afterUpdate();
    for (const listener of this.listeners) listener();
  }

  /** Every request of the console: never throws, refuses at once while offline (request.ts). */
  request<E extends RequestEvent>(
    event: E,
    payload: PayloadOf<E>,
  ): Promise<RequestResult<DataOf<E>>> {
    return request(this.socket, event, payload);
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Whether the agent can see the page now. */
  get visible(): boolean {
    return this.options.isVisible?.() ?? true;
  }

  notify(message: string, tone: Notice['tone'], sticky = false): void {
    this.noticeSeq += 1;
    this.update({ ...this.state, notice: { id: this.noticeSeq, message, tone, sticky } });
  }

  stop(): void {
    this.stopped = true;
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.listeners.clear();
  }
}
