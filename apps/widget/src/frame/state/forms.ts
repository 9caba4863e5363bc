import type { RatingValue, TicketInput, WidgetLanguage } from '@parley/protocol/contract';
import type { Features } from './features';
import { askedFields, prechatInput, type PrechatValues } from './prechat';
import { fail, type Store } from './store';
import { isOpen, type Outcome, type SentTicket, type TicketOutcome } from './types';

/** How long the thank-you for a sent message form is shown again when the chat is reopened. */
const TICKET_THANKS_MS = 2 * 60 * 60_000;

/** The forms around the chat: the pre-chat survey, the message form (tickets), rating, transcript. */
export class FormsControl {
  constructor(
    private readonly store: Store,
    private readonly f: Features,
  ) {}

  /** The thank-you of a message form sent lately (on another page, say), else nothing. */
  storedTicket(): SentTicket | null {
    const s = this.store;
    const [id, createdAt] = (s.stored('ticket') ?? '').split(' ');
    const age = s.now().getTime() - Date.parse(createdAt ?? '');
    if (id && createdAt && age < TICKET_THANKS_MS) return { id, createdAt };
    s.store('ticket', null);
    return null;
  }

  /** Starts the chat with the pre-chat survey's answers; queued messages then go to it. */
  async submitPrechat(values: PrechatValues): Promise<Outcome> {
    const s = this.store;
    const config = s.state.config;
    const input = prechatInput(
      askedFields(config?.prechatFields, config?.departments ?? []),
      values,
    );
    try {
      const { conversation } = await s.request('conversation:start', input);
      this.f.conversation.started(input, conversation);
      this.f.conversation.applyConversation(conversation, []);
      void this.f.sending.flush();
      return { ok: true };
    } catch (err) {
      return fail(err);
    }
  }

  /**
   * The message form (nobody can answer): becomes a ticket, and the server closes a chat that
   * was waiting. Resolves with the outcome; the form shows field errors from `details`.
   */
  async sendTicket(input: TicketInput): Promise<TicketOutcome> {
    const s = this.store;
    const waiting = isOpen(s.state.conversation);
    try {
      const { ticket } = await s.request('ticket:create', input);
      s.store('ticket', `${ticket.id} ${ticket.createdAt}`);
      this.f.sending.draft = '';
      s.set({
        ticket: { id: ticket.id, createdAt: ticket.createdAt },
        // Unsent chat messages went into the form (see leftoverText).
        pending: s.state.pending.filter((p) => p.conversationId !== null),
        askDepartment: false,
      });
      // The server has closed the waiting chat; its update may be lost on a bad connection.
      if (waiting) void this.f.connection.loadCurrent();
      return { ok: true };
    } catch (err) {
      return fail(err);
    }
  }

  /** Back from the thank-you to the form (or the chat): "Send another message". */
  dismissTicket(): void {
    this.store.store('ticket', null);
    this.store.set({ ticket: null });
  }

  /** Good or bad, with an optional comment, for the chat that has just ended. */
  async rate(rating: RatingValue, comment: string): Promise<Outcome> {
    const s = this.store;
    const c = s.state.conversation;
    if (c?.status !== 'closed') return { ok: false, code: 'NOT_FOUND' };
    try {
      const text = comment.trim();
      const { conversation } = await s.request('conversation:rate', {
        conversationId: c.id,
        rating,
        ...(text ? { comment: text } : {}),
      });
      if (s.state.conversation?.id === c.id)
        this.f.conversation.applyConversation(conversation, []);
      return { ok: true };
    } catch (err) {
      return fail(err);
    }
  }

  /** Mails the conversation (open or ended) to `email`, in `language`; resolves with where it went. */
  async sendTranscript(
    email: string,
    language?: WidgetLanguage,
    toShop?: boolean,
  ): Promise<Outcome & { sentTo?: string }> {
    const c = this.store.state.conversation;
    if (!c) return { ok: false, code: 'NOT_FOUND' };
    try {
      const { sentTo } = await this.store.request('conversation:transcript', {
        conversationId: c.id,
        email: email.trim(),
        ...(language ? { language } : {}),
        ...(toShop ? { toShop } : {}),
      });
      return { ok: true, sentTo };
    } catch (err) {
      return fail(err);
    }
  }
}
