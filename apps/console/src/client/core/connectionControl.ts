import { isSupervisor, setConnection } from '../conversations/conversations';
import { syncRequest } from '../conversations/selectors';
import { markHistoryLoaded } from '../messages/messages';
import type { Features } from './features';
import type { Store } from './store';

const SYNC_BATCH = 100; // the protocol's cap on conversations per sync request
const RECONNECT_AFTER_REFUSAL_MS = 5_000;
const CLOSED_LIST_LIMIT = 30;

/**
 * The agent socket: which feature hears each server event, and catching up after every
 * (re)connect (resend, re-list, sync what was missed, watch again).
 */
export class ConnectionControl {
  private everConnected = false;

  constructor(
    private readonly store: Store,
    private readonly f: Features,
  ) {}

  start(): void {
    const s = this.store.socket;
    const { conversation, team, visitors, direct } = this.f;
    s.on('connect', () => void this.resume());
    s.on('disconnect', (reason) => {
      this.store.update(setConnection(this.store.state, 'reconnecting'));
      // The server only drops a socket on purpose when the session ended.
      if (reason === 'io server disconnect') void this.recoverFromRefusal();
    });
    s.on('connect_error', () => {
      if (!s.active) void this.recoverFromRefusal();
    });
    s.on('message:new', (m) => conversation.receive(m.conversationId, [m]));
    s.on('conversation:updated', (c) => {
      conversation.applyConversations([c]);
      team.changed();
    });
    s.on('agent:updated', (agent) => team.onAgentUpdated(agent));
    s.on('typing', (e) => conversation.onTyping(e));
    s.on('seen', (e) => conversation.onSeen(e));
    s.on('invitation:updated', (inv) => conversation.onInvitation(inv));
    s.on('direct:new', (m) => direct.onDirect(m));
    s.on('visitor:updated', (v) => visitors.onVisitorUpdated(v));
    s.on('visitors:count', ({ online }) => visitors.onCount(online));
    s.on('proactive:updated', (inv) => visitors.onProactive(inv));
    s.connect();
  }

  /** After every (re)connect: resend, refresh lists, fetch what was missed, re-watch. */
  private async resume(): Promise<void> {
    const s = this.store;
    const { conversation } = this.f;
    const baseline = !this.everConnected;
    this.everConnected = true;
    s.update(setConnection(s.state, 'connected'));

    // Replies go out first: the agent already pressed Send, and the clientId makes it safe.
    this.f.sending.resendAll();
    this.f.direct.resendAll();

    for (const list of await this.listConversations()) {
      if (list.ok) conversation.applyConversations(list.data.conversations, baseline);
    }
    if (!s.state.loaded) s.update({ ...s.state, loaded: true });

    if (!baseline) await this.sync(syncRequest(s.state));
    const selected = s.state.selectedId;
    const watched = Object.values(s.state.conversations).filter(
      (c) => c.id !== selected && conversation.staysWatched(c),
    );
    await Promise.all(watched.map((c) => this.watch(c.id)));
    if (selected) await this.watch(selected);

    // A new socket has no visitor subscriptions: take them up again.
    this.f.visitors.resubscribe();
  }

  private listConversations() {
    const s = this.store;
    const supervisor = isSupervisor(s.state.me);
    return Promise.all([
      s.request('conversation:list', { status: 'queued', limit: 200 }),
      s.request('conversation:list', { status: 'offered', limit: 200 }),
      // Agents get the chats they own or were invited into; supervisors every active chat.
      s.request('conversation:list', { status: 'active', limit: 200 }),
      s.request('conversation:list', {
        status: 'closed',
        ...(supervisor ? {} : { mine: true }),
        limit: CLOSED_LIST_LIMIT,
      }),
    ]);
  }

  private async recoverFromRefusal(): Promise<void> {
    const s = this.store;
    if (s.stopped) return;
    if (!(await s.options.checkSession())) {
      s.options.onSessionLost();
      return;
    }
    // The session is fine, so the refusal was an outage (storage down, restart): try again.
    setTimeout(() => {
      if (!s.stopped && !s.socket.connected) s.socket.connect();
    }, RECONNECT_AFTER_REFUSAL_MS);
  }

  /** Fetches the messages after each given seq, page by page until nothing is missing. */
  async sync(wanted: Array<{ id: string; afterSeq: number }>): Promise<void> {
    const s = this.store;
    const { conversation } = this.f;
    for (let i = 0; i < wanted.length; i += SYNC_BATCH) {
      const batch = wanted.slice(i, i + SYNC_BATCH);
      const result = await s.request('sync', { conversations: batch });
      if (!result.ok) continue; // the next reconnect asks again from the same seq
      const behind: Array<{ id: string; afterSeq: number }> = [];
      for (const { conversation: c, messages } of result.data.conversations) {
        const afterSeq = batch.find((w) => w.id === c.id)?.afterSeq ?? 0;
        conversation.applyConversations([c]);
        conversation.receive(c.id, messages, afterSeq);
        const held = s.state.syncedSeq[c.id] ?? 0;
        // A full page means there is more; ask again from where this page ended.
        if (messages.length > 0 && held > afterSeq && held < c.lastSeq) {
          behind.push({ id: c.id, afterSeq: held });
        }
      }
      if (behind.length > 0) await this.sync(behind);
    }
  }

  /** Subscribes to a chat's live messages and reads its history. */
  async watch(id: string): Promise<void> {
    const s = this.store;
    const { conversation } = this.f;
    const result = await s.request('conversation:watch', { conversationId: id });
    if (!result.ok) {
      if (result.error.code === 'NOT_FOUND')
        conversation.drop(id, 'This chat is no longer available');
      return;
    }
    conversation.applyConversations([result.data.conversation]);
    conversation.receive(id, result.data.messages, 0);
    s.update(markHistoryLoaded(s.state, id));
    const held = s.state.syncedSeq[id] ?? 0;
    if (held < result.data.conversation.lastSeq) await this.sync([{ id, afterSeq: held }]);
  }
}
