import type {
  Message,
  ProactiveInvitation,
  SeenEvent,
  StartConversationInput,
  TypingEvent,
  VisitorConversation,
} from '@parley/protocol/contract';
import type { Features } from './features';
import { signalsFor, shownInvitation } from './live';
import { dropDelivered, mergeMessages, type ChatMessage } from './messages';
import { answersOf, optionsView, type PendingAnswer } from './options';
import { SeenReporter } from './seen';
import type { Store } from './store';
import { RequestError } from './transport';
import { isOpen } from './types';

const AGENT_TYPING_EXPIRY_MS = 8000;

/**
 * The conversation as the visitor sees it: what the server sends is merged in, read receipts
 * both ways, the agent's typing, options answered, the chat ended or put away.
 */
export class ConversationControl {
  private typingExpiry: ReturnType<typeof setTimeout> | null = null;
  private readonly seenReporter = new SeenReporter((conversationId, seq) =>
    this.store.transport?.seen({ conversationId, seq }),
  );
  /** The frame's page is visible and has focus: agent messages on screen count as read. */
  private focused = false;
  /** The frame's page (the tab) is visible, focused or not. */
  pageVisible = true;
  /** Ids of messages the host page has been told of, so none is told twice. */
  private readonly announced = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly f: Features,
  ) {}

  dispose(): void {
    this.seenReporter.cancel();
    if (this.typingExpiry) clearTimeout(this.typingExpiry);
  }

  /** Puts a closed chat away; the next message opens a new conversation. */
  startNewChat(): void {
    const s = this.store;
    const c = s.state.conversation;
    if (c?.status === 'closed') s.store('dismissed', c.id);
    s.store('ticket', null);
    s.set({
      conversation: null,
      messages: [],
      agentTyping: null,
      pending: s.state.pending.map((p) => ({ ...p, conversationId: null })),
      ticket: null,
    });
  }

  async endChat(): Promise<boolean> {
    const c = this.store.state.conversation;
    if (!isOpen(c)) return false;
    try {
      const { conversation } = await this.store.request('conversation:close', {
        conversationId: c.id,
      });
      this.applyConversation(conversation, []);
      return true;
    } catch {
      return false;
    }
  }

  /** The visitor picked `choice` of options message `messageId`. */
  async answer(messageId: string, choice: number): Promise<void> {
    const s = this.store;
    const c = s.state.conversation;
    const question = s.state.messages.find((m) => m.id === messageId);
    if (!isOpen(c) || question?.kind !== 'options' || !question.choices?.[choice]) return;
    const answers = answersOf(s.state.messages);
    if (optionsView(messageId, answers, s.state.answers, true).disabled) return;
    this.setAnswer(messageId, { choice, state: 'sending' });
    try {
      const ack = await s.request('options:answer', { conversationId: c.id, messageId, choice });
      // Answered before (another tab): that answer stands, and arrives as a message.
      if (ack.duplicate) return;
      const own: ChatMessage = {
        id: ack.id,
        conversationId: c.id,
        seq: ack.seq,
        clientId: `answer-${messageId}`,
        author: { type: 'visitor', id: null, name: null },
        body: question.choices[choice]!,
        visibility: 'public',
        createdAt: ack.createdAt,
        kind: 'answer',
        answer: { messageId, choice },
        local: true,
      };
      this.setAnswer(messageId, null);
      this.announce(own);
      const now = s.state.conversation;
      if (now?.id === c.id) this.applyConversation(now, [own]);
    } catch (err) {
      this.setAnswer(messageId, { choice, state: 'failed', errorCode: RequestError.of(err).code });
    }
  }

  private setAnswer(messageId: string, answer: PendingAnswer | null): void {
    const answers = { ...this.store.state.answers };
    if (answer) answers[messageId] = answer;
    else delete answers[messageId];
    this.store.set({ answers });
  }

  setHostOpen(open: boolean): void {
    const s = this.store;
    if (!open) this.f.sending.stopTyping();
    // Minimizing a chat that showed an invitation, without replying, is a "no thanks".
    const { hostOpen, invitation, pending } = s.state;
    if (!open && hostOpen && invitation?.status === 'pending' && pending.length === 0)
      this.f.visitor.declineInvitation();
    s.set({ hostOpen: open });
    this.reportSeen();
  }

  /** The frame's page is visible (the tab is in front) and has focus, or not. */
  setAttention(visible: boolean, focused: boolean): void {
    this.pageVisible = visible;
    this.focused = visible && focused;
    this.reportSeen();
  }

  toggleMute(): void {
    const muted = !this.store.state.muted;
    this.store.store('muted', muted ? '1' : null);
    this.store.set({ muted });
  }

  // ---- incoming ------------------------------------------------------------------------

  applyCurrent(
    conversation: VisitorConversation | null,
    messages: Message[],
    invitation: ProactiveInvitation | null | undefined,
  ): void {
    const s = this.store;
    const pending = invitation?.status === 'pending' ? invitation : null;
    // The invitation opens a new conversation: an ended one makes way for it.
    if (pending && conversation?.status === 'closed') s.store('dismissed', conversation.id);
    // Kept while this visitor's reply to it is starting its chat.
    const kept = s.state.invitation?.status === 'accepted' ? s.state.invitation : null;
    if (pending || !kept) s.set({ invitation: pending });
    const dismissed = s.stored('dismissed');
    if (!conversation || (conversation.status === 'closed' && conversation.id === dismissed)) {
      if (s.state.conversation) s.set({ conversation: null, messages: [], agentTyping: null });
      return;
    }
    this.applyConversation(conversation, messages);
  }

  /** Merges a conversation and messages into the state (dedupe, pending resolution). */
  applyConversation(incoming: VisitorConversation, messages: readonly ChatMessage[]): void {
    const s = this.store;
    const { state } = s;
    const current = state.conversation;
    const same = current?.id === incoming.id;
    // Closed is final: a late event from before the close must not reopen the chat here.
    const conversation =
      same && current.status === 'closed' && incoming.status !== 'closed' ? current : incoming;
    const merged = mergeMessages(same ? state.messages : [], messages);
    const agentSpoke = merged !== state.messages && messages.some((m) => m.author.type === 'agent');
    const invitation = state.invitation;
    s.set({
      conversation,
      messages: merged,
      pending: dropDelivered(state.pending, merged),
      agentTyping:
        conversation.status === 'closed' || agentSpoke || !same ? null : state.agentTyping,
      agentSeen: same ? state.agentSeen : null,
      // An accepted invitation stood in for the agent's first message until it arrived.
      invitation:
        invitation?.status === 'accepted' && !shownInvitation(invitation, conversation, merged)
          ? null
          : invitation,
    });
    this.f.sending.startTray();
    this.reportSeen();
  }

  /**
   * What conversation `id` has after `afterSeq`, merged in; the messages that came, or null
   * when the server no longer has the conversation for this visitor.
   */
  async sync(id: string, afterSeq: number): Promise<readonly Message[] | null> {
    const res = await this.store.request('sync', { conversations: [{ id, afterSeq }] });
    const entry = res.conversations.find((e) => e.conversation.id === id);
    if (!entry) return null;
    this.applyConversation(entry.conversation, entry.messages);
    return entry.messages;
  }

  onMessage(m: Message): void {
    this.announce(m);
    const c = this.store.state.conversation;
    if (c && m.conversationId === c.id) this.applyConversation(c, [m]);
    // A message for a chat we do not show: one started in another tab.
    else if (!isOpen(c)) void this.f.connection.loadCurrent();
  }

  onConversation(incoming: VisitorConversation): void {
    const c = this.store.state.conversation;
    if (c?.id === incoming.id) this.applyConversation(incoming, []);
    else if (incoming.status !== 'closed' && !isOpen(c)) void this.f.connection.loadCurrent();
  }

  onTyping(e: TypingEvent): void {
    const s = this.store;
    if (e.author.type !== 'agent' || e.conversationId !== s.state.conversation?.id) return;
    if (this.typingExpiry) clearTimeout(this.typingExpiry);
    this.typingExpiry = null;
    // Typing events may be dropped; a lost "stopped" must not leave the dots up for ever.
    if (e.typing)
      this.typingExpiry = setTimeout(() => s.set({ agentTyping: null }), AGENT_TYPING_EXPIRY_MS);
    s.set({ agentTyping: e.typing ? (e.author.name ?? '') : null });
  }

  onSeen(e: SeenEvent): void {
    const s = this.store;
    const c = s.state.conversation;
    if (e.reader.type !== 'agent' || c?.id !== e.conversationId) return;
    const seen = s.state.agentSeen;
    const before = seen?.conversationId === c.id ? seen.seq : 0;
    if (e.seq > before) s.set({ agentSeen: { conversationId: c.id, seq: e.seq } });
  }

  /** A conversation this tab started: the survey, the department and the invitation are done. */
  started(input: StartConversationInput, conversation: VisitorConversation): void {
    const s = this.store;
    s.store('dismissed', null);
    s.store('ticket', null);
    const invitation = s.state.invitation;
    s.set({
      ticket: null,
      departmentId: null,
      askDepartment: false,
      invitation:
        input.invitationId && invitation?.id === input.invitationId
          ? { ...invitation, status: 'accepted', conversationId: conversation.id }
          : null,
    });
    // The server wrote the invitation as the agent's first message: fetch it if it is not here.
    if (input.invitationId && conversation.lastSeq > 0)
      s.later(() => {
        if (s.state.conversation?.id === conversation.id)
          this.sync(conversation.id, 0).catch(() => undefined); // a reconnect syncs anyway
      }, 0);
  }

  /** Tells the host page (and the sound) of a message that has just appeared, once. */
  announce(m: Message): void {
    const s = this.store;
    if (this.announced.has(m.id) || s.state.messages.some((x) => x.id === m.id)) return;
    this.announced.add(m.id);
    for (const signal of signalsFor(m, {
      pageVisible: this.pageVisible,
      chatOpen: s.state.hostOpen,
      muted: s.state.muted,
    }))
      s.emit(signal);
  }

  private reportSeen(): void {
    const { conversation, messages, hostOpen } = this.store.state;
    this.seenReporter.update(conversation?.id ?? null, messages, hostOpen && this.focused);
  }
}
