import type { Features } from '../core/features';
import type { Store } from '../core/store';
import { Outbox } from './outbox';

/**
 * What the agent sends to a visitor chat: replies through the outbox, typing, and read
 * receipts for what the agent has had in front of them.
 */
export class SendingControl {
  private readonly outbox: Outbox;
  /** Per conversation: the highest seq already reported to the server as seen. */
  private readonly seenSent = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly f: Features,
  ) {
    this.outbox = new Outbox(store.socket, {
      get: () => store.state,
      set: (next) => store.update(next),
    });
  }

  readonly send: Outbox['send'] = (...args) => this.outbox.send(...args);
  readonly retry: Outbox['retry'] = (clientId) => this.outbox.retry(clientId);
  readonly discard: Outbox['discard'] = (clientId) => this.outbox.discard(clientId);

  /** After a reconnect: every reply still marked as sending goes out again. */
  resendAll(): void {
    this.outbox.resendAll();
  }

  /** Tells the visitor's widget whether the agent is typing; dropped while offline. */
  sendTyping(conversationId: string, typing: boolean): void {
    const socket = this.store.socket;
    if (socket.connected) socket.volatile.emit('typing', { conversationId, typing });
  }

  /**
   * Read receipts: once the open chat's messages count as read (it is in view), tell the
   * server how far the agent has seen. Fire and forget; the next read repeats it anyway.
   */
  reportSeen(): void {
    const { state, socket } = this.store;
    const id = state.selectedId;
    if (!id || !socket.connected || !this.f.conversation.isInView(state, id)) return;
    const c = state.conversations[id];
    if (!c || c.status === 'closed') return;
    const read = state.readSeq[id] ?? 0;
    if (read <= (this.seenSent.get(id) ?? 0)) return;
    // Only what came from others is worth a receipt; my own lines need none.
    const list = state.messages[id] ?? [];
    const fromOthers = list.some(
      (m) => m.seq <= read && m.seq > (this.seenSent.get(id) ?? 0) && m.author.id !== state.me.id,
    );
    this.seenSent.set(id, read);
    if (fromOthers) socket.emit('message:seen', { conversationId: id, seq: read });
  }
}
