import type { DirectMessage } from '@parley/protocol';
import { newClientId } from '@parley/protocol/contract';
import type { PendingDirect } from '../core/state';
import type { Store } from '../core/store';
import {
  addDirectPending,
  directPeer,
  discardDirectPending,
  markDirectLoaded,
  markDirectRead,
  openDirect,
  receiveDirect,
  setDirectPendingState,
} from './direct';

/** Direct chats between colleagues: opening one, its history, and sends until confirmed. */
export class DirectControl {
  constructor(private readonly store: Store) {}

  /** Shows the direct chat with a colleague (null goes back to the visitor chat). */
  openDirect(agentId: string | null): void {
    const s = this.store;
    s.update(openDirect(s.state, agentId));
    if (agentId && !s.state.directLoaded[agentId]) void this.load(agentId);
  }

  send(toAgentId: string, body: string): void {
    const text = body.replace(/\r\n?/g, '\n').trim();
    if (!text) return;
    const pending: PendingDirect = {
      clientId: newClientId(),
      toAgentId,
      body: text,
      createdAt: new Date().toISOString(),
      state: 'sending',
      error: null,
    };
    this.store.update(addDirectPending(this.store.state, pending));
    void this.transmit(pending);
  }

  retry(clientId: string): void {
    const s = this.store;
    const p = s.state.directPending[clientId];
    if (!p) return;
    s.update(setDirectPendingState(s.state, clientId, null));
    void this.transmit(p);
  }

  discard(clientId: string): void {
    this.store.update(discardDirectPending(this.store.state, clientId));
  }

  /** After a reconnect: every direct message still marked as sending goes out again. */
  resendAll(): void {
    for (const p of Object.values(this.store.state.directPending)) {
      if (p.state === 'sending') void this.transmit(p);
    }
  }

  onDirect(m: DirectMessage): void {
    const s = this.store;
    const peer = directPeer(m, s.state.me.id);
    let next = receiveDirect(s.state, [m]);
    if (next.directWith === peer && s.visible) next = markDirectRead(next, peer);
    s.update(next);
    if (m.senderId !== s.state.me.id && s.state.directWith !== peer) {
      const name = s.state.team.members.find((t) => t.agent.id === peer)?.agent.name;
      s.notify(name ? `New message from ${name}` : 'New direct message', 'info');
    }
  }

  private async transmit(p: PendingDirect): Promise<void> {
    const s = this.store;
    const result = await s.request('direct:send', {
      toAgentId: p.toAgentId,
      clientId: p.clientId,
      body: p.body,
    });
    if (result.ok) {
      s.update(receiveDirect(s.state, [result.data.message]));
      s.update(markDirectRead(s.state, p.toAgentId));
    } else {
      s.update(setDirectPendingState(s.state, p.clientId, result.error));
    }
  }

  private async load(agentId: string): Promise<void> {
    const s = this.store;
    const result = await s.request('direct:history', { agentId });
    if (!result.ok) return;
    let next = receiveDirect(s.state, result.data.messages);
    next = markDirectLoaded(next, agentId);
    if (next.directWith === agentId) next = markDirectRead(next, agentId);
    s.update(next);
  }
}
