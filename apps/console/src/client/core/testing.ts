import type { Conversation } from '@parley/protocol';
import { vi } from 'vitest';
import { AgentClient } from '../AgentClient';
import { me } from './fixtures';
import type { AgentSocket } from './request';

/** A scripted server for the AgentClient tests: a fake socket and a started client over it. */
type Handler = (...args: never[]) => void;
type Reply = (payload: unknown) => unknown;

/** Just enough of a socket.io client to drive AgentClient: records requests, answers them. */
export class FakeSocket {
  connected = false;
  active = true;
  readonly requests: Array<{ event: string; payload: unknown }> = [];
  readonly replies = new Map<string, Reply>();
  private readonly handlers = new Map<string, Handler[]>();

  on(event: string, handler: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const h of this.handlers.get(event) ?? []) (h as (...a: unknown[]) => void)(...args);
  }
  timeout() {
    return this;
  }
  async emitWithAck(event: string, payload: unknown) {
    this.requests.push({ event, payload });
    const reply = this.replies.get(event);
    return reply ? reply(payload) : { ok: true, data: {} };
  }
  get volatile() {
    return { emit: () => undefined };
  }
  connect() {
    this.connected = true;
    this.fire('connect');
  }
  drop() {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }
  disconnect() {
    this.connected = false;
  }
  removeAllListeners() {
    this.handlers.clear();
  }
  sent(event: string) {
    return this.requests.filter((r) => r.event === event).map((r) => r.payload);
  }
}

export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

export function setup(chats: Conversation[]) {
  const socket = new FakeSocket();
  socket.replies.set('conversation:list', (p) => {
    const { status } = p as { status: string };
    return { ok: true, data: { conversations: chats.filter((c) => c.status === status) } };
  });
  socket.replies.set('sync', () => ({ ok: true, data: { conversations: [] } }));
  socket.replies.set('conversation:watch', (p) => {
    const conversation = chats.find(
      (c) => c.id === (p as { conversationId: string }).conversationId,
    );
    return conversation
      ? { ok: true, data: { conversation, messages: [] } }
      : { ok: false, error: { code: 'NOT_FOUND', message: 'Not found.' } };
  });
  const client = new AgentClient({
    me,
    onSessionLost: vi.fn(),
    checkSession: async () => true,
    createSocket: () => socket as unknown as AgentSocket,
  });
  client.start();
  return { socket, client };
}
