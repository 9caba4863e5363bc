import type { Attachment, Visibility } from '@parley/protocol';
import { newClientId } from '@parley/protocol/contract';
import { request, type AgentSocket } from '../core/request';
import { addPending, confirmPending, discardPending, failPending, retryPending } from './pending';
import type { ConsoleState, PendingMessage } from '../core/state';

/** What a message may carry besides its text. */
export interface SendExtras {
  attachments?: readonly Attachment[];
  /** 2 to 6 choices: the body is then the question. */
  choices?: readonly string[];
}

export interface StateAccess {
  get(): ConsoleState;
  set(next: ConsoleState): void;
}

/**
 * The agent's replies on their way to the server. Each gets a clientId once and keeps it for
 * every retry, so a send repeated after a lost ack or a reconnect is stored only once.
 */
export class Outbox {
  /** Latest attempt number per send, so a stale timeout cannot fail a newer retry. */
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly socket: AgentSocket,
    private readonly state: StateAccess,
  ) {}

  send(
    conversationId: string,
    body: string,
    visibility: Visibility = 'public',
    extra: SendExtras = {},
  ): void {
    const text = body.replace(/\r\n?/g, '\n').trim();
    const attachments = extra.attachments ?? [];
    if (!text && attachments.length === 0) return;
    const pending: PendingMessage = {
      clientId: newClientId(),
      conversationId,
      body: text,
      visibility,
      ...(attachments.length ? { attachments } : {}),
      ...(extra.choices ? { choices: extra.choices } : {}),
      createdAt: new Date().toISOString(),
      state: 'sending',
      error: null,
    };
    this.state.set(addPending(this.state.get(), pending));
    void this.transmit(pending);
  }

  retry(clientId: string): void {
    this.state.set(retryPending(this.state.get(), clientId));
    const pending = this.state.get().pending[clientId];
    if (pending) void this.transmit(pending);
  }

  discard(clientId: string): void {
    this.attempts.delete(clientId);
    this.state.set(discardPending(this.state.get(), clientId));
  }

  /** After a reconnect: everything still marked as sending goes out again. */
  resendAll(): void {
    for (const p of Object.values(this.state.get().pending)) {
      if (p.state === 'sending') void this.transmit(p);
    }
  }

  private async transmit(p: PendingMessage): Promise<void> {
    if (!this.socket.connected) return; // resendAll() picks it up once connected
    const attempt = (this.attempts.get(p.clientId) ?? 0) + 1;
    this.attempts.set(p.clientId, attempt);
    const result = await request(this.socket, 'message:send', {
      conversationId: p.conversationId,
      clientId: p.clientId,
      body: p.body,
      visibility: p.visibility,
      ...(p.attachments?.length ? { attachmentIds: p.attachments.map((a) => a.id) } : {}),
      ...(p.choices ? { choices: [...p.choices] } : {}),
    });
    if (result.ok) {
      // Any attempt's success is the same stored message (the server dedupes on clientId).
      this.attempts.delete(p.clientId);
      this.state.set(confirmPending(this.state.get(), p.clientId, result.data));
      return;
    }
    if (this.attempts.get(p.clientId) !== attempt) return; // a newer attempt owns the outcome
    // Cut off mid-send: the reconnect retries it. Otherwise the agent decides what to do.
    if (result.error.code !== 'NO_REPLY' || this.socket.connected) {
      this.state.set(failPending(this.state.get(), p.clientId, result.error));
    }
  }
}
