import type {
  Attachment,
  StartConversationInput,
  VisitorConversation,
} from '@parley/protocol/contract';
import { newClientId } from '@parley/protocol/contract';
import type { ChatMessage, PendingMessage } from './messages';
import type { Store } from './store';
import { RequestError } from './transport';
import { isOpen } from './types';

const RETRY_SEND_MS = 2000;

/** Not a failure: the first send waits for the visitor (a department to pick, the survey). */
class Hold extends Error {}

/** What the outbox needs from the chat's other features. */
export interface OutboxHost {
  /** Merges a conversation and messages into the state (dedupe, pending resolution). */
  applyConversation(conversation: VisitorConversation, messages: readonly ChatMessage[]): void;
  /** A conversation was started by this tab, with this input. */
  started(input: StartConversationInput, conversation: VisitorConversation): void;
  /** What to start a conversation with; null while the visitor has something to answer first. */
  startInput(): StartConversationInput | null;
  /** The invitation replied to is gone (cancelled, answered elsewhere): start a chat without it. */
  invitationFailed(): void;
  /** A message of ours was stored (the host page hears of it). */
  delivered(message: ChatMessage): void;
  /** The server refused the department picked (the site's list changed): ask again. */
  departmentRefused(): void;
  /** The composer's files go with message `clientId`. */
  claimFiles(clientId: string): void;
  /**
   * Uploads what message `clientId` still needs uploaded to the conversation (files already
   * there are reused) and resolves with its attachments. Files the server refuses leave the
   * message; any other failure rejects with a RequestError.
   */
  filesFor(clientId: string, conversationId: string): Promise<Attachment[]>;
}

/**
 * Messages typed by the visitor until the server has acknowledged them. Each keeps its
 * clientId across every retry, so a send that timed out but was stored is not stored twice.
 */
export class Outbox {
  private flushing = false;
  /** flush() was called during a flush (say, a department was just picked): go round again. */
  private again = false;

  constructor(
    private readonly store: Store,
    private readonly host: OutboxHost,
  ) {}

  /** `body` may be empty when the composer holds files. */
  add(body: string, now: Date): void {
    const { conversation: c, pending } = this.store.state;
    const p: PendingMessage = {
      clientId: newClientId(),
      conversationId: isOpen(c) ? c.id : null,
      body,
      createdAt: now.toISOString(),
      state: 'sending',
    };
    this.store.set({ pending: [...pending, p] });
    this.host.claimFiles(p.clientId);
    void this.flush();
  }

  retry(clientId: string): void {
    const { conversation: c, pending } = this.store.state;
    const p = pending.find((x) => x.clientId === clientId);
    if (!p || p.state !== 'failed') return;
    // A message refused because its chat ended goes to a new chat rather than failing again.
    const conversationId = isOpen(c) && c.id === p.conversationId ? p.conversationId : null;
    this.patch(clientId, { state: 'sending', errorCode: undefined, conversationId });
    void this.flush();
  }

  /** Sends queued messages one at a time, in order, so the server's seq follows typing order. */
  async flush(): Promise<void> {
    const s = this.store;
    if (this.flushing) {
      this.again = true;
      return;
    }
    if (!s.state.loaded || !s.connected) return;
    this.flushing = true;
    this.again = false;
    try {
      for (;;) {
        const next = s.state.pending.find((p) => p.state === 'sending');
        if (!next) break;
        try {
          await this.deliver(next);
        } catch (err) {
          if (err instanceof Hold) break;
          const e = RequestError.of(err);
          if (e.unanswered) {
            // Kept as "sending" with the same clientId; sent again now or after the reconnect.
            if (s.connected) s.later(() => void this.flush(), RETRY_SEND_MS);
            break;
          }
          this.patch(next.clientId, { state: 'failed', errorCode: e.code });
        }
      }
    } finally {
      this.flushing = false;
      if (this.again) void this.flush();
    }
  }

  private async deliver(p: PendingMessage): Promise<void> {
    const s = this.store;
    let conversationId = p.conversationId;
    if (!conversationId) {
      conversationId = await this.openConversationId();
      // Bound for good: a retry of this clientId must reach the same conversation.
      this.patch(p.clientId, { conversationId });
    }
    const attachments = await this.host.filesFor(p.clientId, conversationId);
    if (!p.body && attachments.length === 0) {
      // Only files, and the server refused every one: they are back in the tray, with why.
      this.drop(p.clientId);
      return;
    }
    const ack = await s.request('message:send', {
      conversationId,
      clientId: p.clientId,
      body: p.body,
      ...(attachments.length ? { attachmentIds: attachments.map((a) => a.id) } : {}),
    });
    const own: ChatMessage = {
      id: ack.id,
      conversationId,
      seq: ack.seq,
      clientId: p.clientId,
      author: { type: 'visitor', id: null, name: null },
      body: p.body,
      visibility: 'public',
      createdAt: ack.createdAt,
      ...(attachments.length ? { attachments } : {}),
      local: true,
    };
    // Before it joins the list: what the list already holds counts as told.
    this.host.delivered(own);
    const c = s.state.conversation;
    if (c?.id === conversationId) this.host.applyConversation(c, [own]);
    else this.drop(p.clientId);
  }

  private async openConversationId(): Promise<string> {
    const c = this.store.state.conversation;
    if (isOpen(c)) return c.id;
    const input = this.host.startInput();
    if (!input) throw new Hold();
    let conversation: VisitorConversation;
    try {
      ({ conversation } = await this.store.request('conversation:start', input));
    } catch (err) {
      if (err instanceof RequestError && !err.unanswered && input.invitationId) {
        // The agent withdrew the invitation meanwhile: the reply still reaches someone.
        this.host.invitationFailed();
        return this.openConversationId();
      }
      if (err instanceof RequestError && err.details?.departmentId) {
        this.host.departmentRefused();
        throw new Hold();
      }
      throw err;
    }
    this.host.started(input, conversation);
    this.host.applyConversation(conversation, []);
    return conversation.id;
  }

  private patch(clientId: string, patch: Partial<PendingMessage>): void {
    const { pending } = this.store.state;
    this.store.set({
      pending: pending.map((p) => (p.clientId === clientId ? { ...p, ...patch } : p)),
    });
  }

  private drop(clientId: string): void {
    const { pending } = this.store.state;
    this.store.set({ pending: pending.filter((p) => p.clientId !== clientId) });
  }
}
