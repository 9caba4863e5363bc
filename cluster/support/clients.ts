import type { Message } from '@parley/protocol';
import type { AgentLogin } from './api.js';
import {
  connectAgent,
  connectVisitor,
  type AgentSocket,
  type ConnectOptions,
  type VisitorSocket,
} from './sockets.js';

/** The widget's and console's wait for an ack before they count a request as unanswered. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Retrying a send the server refused loudly (draining, storage or Redis down), as a user would. */
const RETRY_REFUSED_MS = 300;
/** Codes that say "nothing was saved, try again": the send is retried with the same clientId. */
const RETRYABLE = new Set(['SHUTTING_DOWN', 'STORAGE_UNAVAILABLE', 'INTERNAL', 'RATE_LIMITED']);

type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };
type SendAck = Ack<{ id: string; seq: number; duplicate: boolean }>;

interface Loose {
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
}
const emitWithAck = <T>(s: VisitorSocket | AgentSocket, event: string, payload: unknown) =>
  (s as unknown as Loose).timeout(REQUEST_TIMEOUT_MS).emitWithAck(event, payload) as Promise<
    Ack<T>
  >;

export interface SentMessage {
  clientId: string;
  body: string;
  /** Order of sending within this visitor. */
  index: number;
  ack: { id: string; seq: number; duplicate: boolean } | null;
  /** The connection (1 = first) each attempt went out on, and the one the ack came back on. */
  attempts: number[];
  ackedOn: number | null;
  /** Error codes the server answered with, in order (each was retried). */
  refusals: string[];
}

/** Keeps messages by id, as both clients do (replays overlap live events). */
class MessageStore {
  readonly byId = new Map<string, Message>();
  add(m: Message): void {
    this.byId.set(m.id, m);
  }
  highestSeq(conversationId: string): number {
    let max = 0;
    for (const m of this.byId.values())
      if (m.conversationId === conversationId && m.seq > max) max = m.seq;
    return max;
  }
}

/**
 * A visitor behaving as the widget does: one message in flight at a time, in order; a send
 * left unanswered (timeout, connection lost) is sent again with the same clientId once
 * reconnected; a refusal that says nothing was saved is retried; after every reconnect, a
 * `sync` from the highest seq held; a socket the server closed is reconnected after a
 * jittered pause.
 */
export class ChatVisitor {
  readonly socket: VisitorSocket;
  readonly store = new MessageStore();
  readonly sent: SentMessage[] = [];
  /** Connections made so far (1 after the first connect). */
  epoch = 0;
  readonly disconnects: string[] = [];
  readonly syncErrors: string[] = [];
  conversationId = '';
  private flushing = false;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly name: string,
    url: string,
    token: string,
    opts: ConnectOptions = {},
  ) {
    this.socket = connectVisitor(url, token, { reconnection: true, ...opts });
    this.socket.on('connect', () => {
      this.epoch += 1;
      if (this.epoch > 1) void this.resync();
    });
    this.socket.on('disconnect', (reason) => {
      this.disconnects.push(reason);
      if (reason === 'io server disconnect' && !this.closed)
        setTimeout(() => !this.closed && this.socket.connect(), 500 + Math.random() * 1500);
    });
    this.socket.on('message:new', (m) => this.store.add(m));
  }

  get pending(): SentMessage[] {
    return this.sent.filter((s) => !s.ack);
  }

  get acked(): SentMessage[] {
    return this.sent.filter((s) => s.ack);
  }

  send(body: string): SentMessage {
    const s: SentMessage = {
      clientId: `${this.name}-${this.sent.length}-${Math.random().toString(36).slice(2, 8)}`,
      body,
      index: this.sent.length,
      ack: null,
      attempts: [],
      ackedOn: null,
      refusals: [],
    };
    this.sent.push(s);
    void this.flush();
    return s;
  }

  private async resync(): Promise<void> {
    if (this.conversationId) {
      try {
        const res = await emitWithAck<{ conversations: Array<{ messages: Message[] }> }>(
          this.socket,
          'sync',
          {
            conversations: [
              { id: this.conversationId, afterSeq: this.store.highestSeq(this.conversationId) },
            ],
          },
        );
        if (res.ok)
          for (const e of res.data.conversations) for (const m of e.messages) this.store.add(m);
        else this.syncErrors.push(res.error.code);
      } catch (err) {
        this.syncErrors.push((err as Error).message);
      }
    }
    void this.flush();
  }

  /** Sends what is waiting, one at a time, in order. */
  async flush(): Promise<void> {
    if (this.flushing || this.closed) return;
    this.flushing = true;
    try {
      for (;;) {
        const next = this.sent.find((s) => !s.ack);
        if (!next || !this.socket.connected) break;
        const epoch = this.epoch;
        next.attempts.push(epoch);
        let res: SendAck;
        try {
          res = await emitWithAck(this.socket, 'message:send', {
            conversationId: this.conversationId,
            clientId: next.clientId,
            body: next.body,
          });
        } catch {
          // Unanswered: kept, sent again now if still connected, else after the reconnect.
          continue;
        }
        if (res.ok) {
          next.ack = res.data;
          next.ackedOn = epoch;
        } else {
          next.refusals.push(res.error.code);
          if (!RETRYABLE.has(res.error.code)) {
            throw new Error(
              `${this.name}: message:send refused with ${res.error.code}: ${res.error.message}`,
            );
          }
          this.retryTimer = setTimeout(() => void this.flush(), RETRY_REFUSED_MS);
          break;
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.socket.disconnect();
  }
}

/**
 * An agent's console: keeps messages by id; after every reconnect watches again what it
 * watched and syncs every conversation it holds from its highest seq; a socket the server
 * closed is reconnected after a pause.
 */
export class ConsoleAgent {
  readonly socket: AgentSocket;
  readonly store = new MessageStore();
  readonly watched = new Set<string>();
  /** Conversations this console follows (owned or watched): synced after reconnects. */
  readonly follows = new Set<string>();
  epoch = 0;
  readonly disconnects: string[] = [];
  readonly syncErrors: string[] = [];
  private closed = false;

  constructor(
    readonly name: string,
    url: string,
    login: AgentLogin,
    origin: string,
    opts: ConnectOptions = {},
  ) {
    this.socket = connectAgent(url, login, origin, { reconnection: true, ...opts });
    this.socket.on('connect', () => {
      this.epoch += 1;
      if (this.epoch > 1) void this.resume();
    });
    this.socket.on('disconnect', (reason) => {
      this.disconnects.push(reason);
      if (reason === 'io server disconnect' && !this.closed)
        setTimeout(() => !this.closed && this.socket.connect(), 500 + Math.random() * 1500);
    });
    this.socket.on('message:new', (m) => this.store.add(m));
  }

  async watch(conversationId: string): Promise<void> {
    this.watched.add(conversationId);
    this.follows.add(conversationId);
    const res = await emitWithAck<{ messages: Message[] }>(this.socket, 'conversation:watch', {
      conversationId,
    });
    if (!res.ok) throw new Error(`${this.name}: conversation:watch refused: ${res.error.code}`);
    for (const m of res.data.messages) this.store.add(m);
  }

  private async resume(): Promise<void> {
    try {
      for (const id of this.watched) {
        const res = await emitWithAck<{ messages: Message[] }>(this.socket, 'conversation:watch', {
          conversationId: id,
        });
        if (res.ok) for (const m of res.data.messages) this.store.add(m);
        else this.syncErrors.push(`watch ${res.error.code}`);
      }
      let wanted = [...this.follows].map((id) => ({ id, afterSeq: this.store.highestSeq(id) }));
      while (wanted.length > 0) {
        const batch = wanted.slice(0, 100);
        wanted = wanted.slice(100);
        const res = await emitWithAck<{
          conversations: Array<{
            conversation: { id: string; lastSeq: number };
            messages: Message[];
          }>;
        }>(this.socket, 'sync', { conversations: batch });
        if (!res.ok) {
          this.syncErrors.push(`sync ${res.error.code}`);
          continue;
        }
        for (const e of res.data.conversations) {
          for (const m of e.messages) this.store.add(m);
          const held = this.store.highestSeq(e.conversation.id);
          // A full page: ask again from where it ended.
          if (e.messages.length > 0 && held < e.conversation.lastSeq)
            wanted.push({ id: e.conversation.id, afterSeq: held });
        }
      }
    } catch (err) {
      this.syncErrors.push((err as Error).message);
    }
  }

  close(): void {
    this.closed = true;
    this.socket.disconnect();
  }
}
