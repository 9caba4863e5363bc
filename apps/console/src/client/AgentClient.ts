import type { Agent, AgentStatus, Conversation, Message, TypingEvent } from '@parley/protocol';
import { io } from 'socket.io-client';
import { KeyedTimers } from './keyedTimers';
import { Outbox } from './outbox';
import { request, type AgentSocket } from './request';
import { syncRequest } from './selectors';
import * as store from './store';
import type { ConsoleState, Notice } from './store';

const SYNC_BATCH = 100; // the protocol's cap on conversations per sync request
const TYPING_EXPIRY_MS = 6_000; // a lost "stopped typing" must not leave the indicator on
const RECONNECT_AFTER_REFUSAL_MS = 5_000;

export interface AgentClientOptions {
  me: Agent;
  /** Called when the server no longer accepts this session (expired, signed out elsewhere). */
  onSessionLost: () => void;
  /** Answers whether the sign-in session is still valid, to tell a refusal from an outage. */
  checkSession: () => Promise<boolean>;
  /** Whether the agent can see the page now; hidden pages do not mark messages read. */
  isVisible?: () => boolean;
  createSocket?: () => AgentSocket;
}

export type ActionResult = { ok: true } | { ok: false; message: string };

/**
 * The console's connection to the server: owns the agent socket and the normalized store, and
 * is the event source the React tree subscribes to. Nothing in here knows about components.
 */
export class AgentClient {
  private state: ConsoleState;
  private readonly listeners = new Set<() => void>();
  private readonly socket: AgentSocket;
  private readonly outbox: Outbox;
  private readonly typingExpiry = new KeyedTimers();
  private everConnected = false;
  private stopped = false;
  private noticeSeq = 0;

  constructor(private readonly options: AgentClientOptions) {
    this.state = store.initialState(options.me);
    this.socket =
      options.createSocket?.() ??
      io('/agent', {
        withCredentials: true,
        transports: ['websocket', 'polling'],
        autoConnect: false,
      });
    this.outbox = new Outbox(this.socket, { get: this.getState, set: (next) => this.update(next) });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): ConsoleState => this.state;

  private update(next: ConsoleState): void {
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  start(): void {
    const s = this.socket;
    s.on('connect', () => void this.resume());
    s.on('disconnect', (reason) => {
      this.update(store.setConnection(this.state, 'reconnecting'));
      // The server only drops a socket on purpose when the session ended.
      if (reason === 'io server disconnect') void this.recoverFromRefusal();
    });
    s.on('connect_error', () => {
      if (!s.active) void this.recoverFromRefusal();
    });
    s.on('message:new', (m) => this.receive(m.conversationId, [m]));
    s.on('conversation:updated', (c) => this.applyConversations([c]));
    s.on('agent:updated', (agent) => {
      if (agent.id === this.state.me.id) this.update({ ...this.state, me: agent });
    });
    s.on('typing', (e) => this.onTyping(e));
    s.connect();
  }

  stop(): void {
    this.stopped = true;
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.typingExpiry.clearAll();
    this.listeners.clear();
  }

  // ---- actions the UI calls -------------------------------------------------------------

  select(id: string | null): void {
    const previous = this.state.selectedId;
    if (previous === id) return;
    this.update(store.select(this.state, id));
    if (!this.socket.connected) return; // resume() watches the selection once connected
    if (previous && this.state.conversations[previous]?.status !== 'closed') {
      void request(this.socket, 'conversation:unwatch', { conversationId: previous });
    }
    if (id) void this.watch(id);
  }

  /** Marks the open chat read, e.g. when the agent comes back to the browser tab. */
  markSelectedRead(): void {
    const id = this.state.selectedId;
    if (id) this.update(store.markRead(this.state, id));
  }

  async accept(conversationId: string): Promise<ActionResult> {
    const result = await request(this.socket, 'conversation:accept', { conversationId });
    if (result.ok) {
      this.applyConversations([result.data.conversation]);
      return { ok: true };
    }
    if (result.error.code === 'ALREADY_TAKEN' || result.error.code === 'NOT_FOUND') {
      this.drop(conversationId, 'Another agent already took this chat');
      return { ok: false, message: 'Another agent already took this chat' };
    }
    return { ok: false, message: result.error.message };
  }

  async close(conversationId: string): Promise<ActionResult> {
    const result = await request(this.socket, 'conversation:close', { conversationId });
    if (result.ok) this.applyConversations([result.data.conversation]);
    return result.ok ? { ok: true } : { ok: false, message: result.error.message };
  }

  async setStatus(status: AgentStatus): Promise<ActionResult> {
    const before = this.state.me;
    this.update({ ...this.state, me: { ...before, status } }); // the control answers at once
    const result = await request(this.socket, 'agent:status', { status });
    if (result.ok) {
      this.update({ ...this.state, me: result.data.agent });
      return { ok: true };
    }
    this.update({ ...this.state, me: { ...this.state.me, status: before.status } });
    this.notify(`Could not change your status: ${result.error.message}`, 'error');
    return { ok: false, message: result.error.message };
  }

  send(conversationId: string, body: string): void {
    this.outbox.send(conversationId, body);
  }

  retry(clientId: string): void {
    this.outbox.retry(clientId);
  }

  discard(clientId: string): void {
    this.outbox.discard(clientId);
  }

  /** Tells the visitor's widget whether the agent is typing; dropped while offline. */
  sendTyping(conversationId: string, typing: boolean): void {
    if (this.socket.connected) this.socket.volatile.emit('typing', { conversationId, typing });
  }

  dismissNotice(id: number): void {
    if (this.state.notice?.id === id) this.update({ ...this.state, notice: null });
  }

  // ---- connection lifecycle ---------------------------------------------------------------

  /** After every (re)connect: resend, refresh lists, fetch what was missed, re-watch. */
  private async resume(): Promise<void> {
    const baseline = !this.everConnected;
    this.everConnected = true;
    this.update(store.setConnection(this.state, 'connected'));

    // Replies go out first: the agent already pressed Send, and the clientId makes it safe.
    this.outbox.resendAll();

    const lists = await Promise.all([
      request(this.socket, 'conversation:list', { status: 'queued', limit: 200 }),
      request(this.socket, 'conversation:list', { status: 'offered', limit: 200 }),
      request(this.socket, 'conversation:list', { status: 'active', mine: true, limit: 200 }),
    ]);
    for (const list of lists) {
      if (list.ok) this.applyConversations(list.data.conversations, baseline);
    }
    if (!this.state.loaded) this.update({ ...this.state, loaded: true });

    if (!baseline) await this.sync(syncRequest(this.state));
    const selected = this.state.selectedId;
    if (selected) await this.watch(selected);
  }

  private async recoverFromRefusal(): Promise<void> {
    if (this.stopped) return;
    if (!(await this.options.checkSession())) {
      this.options.onSessionLost();
      return;
    }
    // The session is fine, so the refusal was an outage (storage down, restart): try again.
    setTimeout(() => {
      if (!this.stopped && !this.socket.connected) this.socket.connect();
    }, RECONNECT_AFTER_REFUSAL_MS);
  }

  private async sync(wanted: Array<{ id: string; afterSeq: number }>): Promise<void> {
    for (let i = 0; i < wanted.length; i += SYNC_BATCH) {
      const batch = wanted.slice(i, i + SYNC_BATCH);
      const result = await request(this.socket, 'sync', { conversations: batch });
      if (!result.ok) continue; // the next reconnect asks again from the same seq
      const behind: Array<{ id: string; afterSeq: number }> = [];
      for (const { conversation, messages } of result.data.conversations) {
        const afterSeq = batch.find((w) => w.id === conversation.id)?.afterSeq ?? 0;
        this.applyConversations([conversation]);
        this.receive(conversation.id, messages, afterSeq);
        const held = this.state.syncedSeq[conversation.id] ?? 0;
        // A full page means there is more; ask again from where this page ended.
        if (messages.length > 0 && held > afterSeq && held < conversation.lastSeq) {
          behind.push({ id: conversation.id, afterSeq: held });
        }
      }
      if (behind.length > 0) await this.sync(behind);
    }
  }

  private async watch(id: string): Promise<void> {
    const result = await request(this.socket, 'conversation:watch', { conversationId: id });
    if (!result.ok) {
      if (result.error.code === 'NOT_FOUND') this.drop(id, 'This chat is no longer available');
      return;
    }
    this.applyConversations([result.data.conversation]);
    this.receive(id, result.data.messages, 0);
    this.update(store.markHistoryLoaded(this.state, id));
    const held = this.state.syncedSeq[id] ?? 0;
    if (held < result.data.conversation.lastSeq) await this.sync([{ id, afterSeq: held }]);
  }

  // ---- incoming ------------------------------------------------------------------------------

  private receive(
    conversationId: string,
    messages: readonly Message[],
    pageAfterSeq?: number,
  ): void {
    let next = store.receiveMessages(
      this.state,
      conversationId,
      messages,
      pageAfterSeq === undefined ? {} : { pageAfterSeq },
    );
    if (next.selectedId === conversationId && (this.options.isVisible?.() ?? true)) {
      next = store.markRead(next, conversationId);
    }
    if (messages.some((m) => m.author.type === 'visitor')) this.typingExpiry.clear(conversationId);
    this.update(next);
  }

  private applyConversations(conversations: readonly Conversation[], baseline = false): void {
    const selected = this.state.selectedId;
    let next = store.upsertConversations(this.state, conversations, { baseline });
    const visible = this.options.isVisible?.() ?? true;
    if (visible && next.selectedId === selected && selected && next.conversations[selected]) {
      next = store.markRead(next, selected);
    }
    this.update(next);
    // The open chat vanished: someone else took it, or the visitor left, while the agent looked.
    if (selected && this.state.selectedId === null) {
      const closed = conversations.find((c) => c.id === selected)?.status === 'closed';
      this.notify(
        closed
          ? 'The visitor left before the chat was answered'
          : 'Another agent already took this chat',
        'info',
      );
    }
  }

  private drop(id: string, message: string): void {
    this.update(store.removeConversation(this.state, id));
    this.notify(message, 'info');
  }

  private onTyping(e: TypingEvent): void {
    if (e.author.type !== 'visitor') return;
    const id = e.conversationId;
    this.update(store.setVisitorTyping(this.state, id, e.typing));
    if (!e.typing) this.typingExpiry.clear(id);
    else {
      this.typingExpiry.start(id, TYPING_EXPIRY_MS, () =>
        this.update(store.setVisitorTyping(this.state, id, false)),
      );
    }
  }

  private notify(message: string, tone: Notice['tone']): void {
    this.noticeSeq += 1;
    this.update({ ...this.state, notice: { id: this.noticeSeq, message, tone } });
  }
}
