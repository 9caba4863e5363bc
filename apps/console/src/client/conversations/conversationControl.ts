import type {
  Conversation,
  Invitation,
  Message,
  RoutingLogEntry,
  SeenEvent,
  TypingEvent,
} from '@parley/protocol';
import type { Features } from '../core/features';
import { KeyedTimers } from '../core/keyedTimers';
import type { ConsoleState } from '../core/state';
import { refused, type ActionResult, type Store } from '../core/store';
import { markDirectRead } from '../direct/direct';
import { receiveMessages } from '../messages/messages';
import { proactiveOutcome } from '../visitors/visitors';
import {
  isParticipant,
  isRelevant,
  isSupervisor,
  markHandedOver,
  markRead,
  markRejected,
  removeConversation,
  select,
  setVisitorSeen,
  setVisitorTyping,
  upsertConversations,
} from './conversations';
import { invitationOutcome, upsertInvitation } from './invitations';
import { visitorLabel } from './selectors';

const TYPING_EXPIRY_MS = 6_000; // a lost "stopped typing" must not leave the indicator on

export interface InviteRequest {
  conversationId: string;
  agentId?: string;
  departmentId?: string;
  leave: boolean;
}

/**
 * The visitor chats: the agent's actions on them (select, accept, transfer, invite...), and
 * what the server reports about them (updates, messages, typing, seen, invitations).
 */
export class ConversationControl {
  private readonly typingExpiry = new KeyedTimers();
  /** Chats the agent is leaving or handing over on purpose: their disappearance is no news. */
  private readonly quiet = new Set<string>();
  /** Chats this agent is taking on purpose right now (accept, join, take over). */
  private readonly taking = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly f: Features,
  ) {}

  dispose(): void {
    this.typingExpiry.clearAll();
  }

  // ---- actions the UI calls -------------------------------------------------------------

  select(id: string | null): void {
    const s = this.store;
    const previous = s.state.selectedId;
    if (previous === id) {
      if (s.state.directWith) this.f.direct.openDirect(null);
      return;
    }
    s.update(select(s.state, id));
    if (!s.connected) return; // resume() watches the selection once connected
    const prev = previous ? s.state.conversations[previous] : undefined;
    // Chats the agent was invited into stay watched: that is how their messages arrive.
    if (previous && prev?.status !== 'closed' && !(prev && this.staysWatched(prev))) {
      void s.request('conversation:unwatch', { conversationId: previous });
    }
    if (id) void this.f.connection.watch(id);
  }

  /** Marks the open chat read, e.g. when the agent comes back to the browser tab. */
  markSelectedRead(): void {
    const s = this.store;
    if (s.state.directWith) {
      s.update(markDirectRead(s.state, s.state.directWith));
      return;
    }
    const id = s.state.selectedId;
    if (id) s.update(markRead(s.state, id));
  }

  async accept(conversationId: string): Promise<ActionResult> {
    this.taking.add(conversationId);
    const result = await this.store.request('conversation:accept', { conversationId });
    this.taking.delete(conversationId);
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

  /** Turns an offer down: the chat goes back to the queue and leaves this agent's list. */
  async reject(conversationId: string): Promise<ActionResult> {
    const s = this.store;
    const result = await s.request('conversation:reject', { conversationId });
    if (!result.ok) return refused(result.error);
    const wasSelected = s.state.selectedId === conversationId;
    s.update(markRejected(s.state, conversationId));
    if (wasSelected && s.state.selectedId === null && s.connected) {
      void s.request('conversation:unwatch', { conversationId });
    }
    return { ok: true };
  }

  async close(conversationId: string): Promise<ActionResult> {
    const result = await this.store.request('conversation:close', { conversationId });
    if (result.ok) this.applyConversations([result.data.conversation]);
    return result.ok ? { ok: true } : { ok: false, message: result.error.message };
  }

  /** Hands an active chat to a colleague (owner or supervisor). */
  async transfer(conversationId: string, agentId: string): Promise<ActionResult> {
    const s = this.store;
    const toMe = agentId === s.state.me.id;
    (toMe ? this.taking : this.quiet).add(conversationId);
    const result = await s.request('conversation:transfer', { conversationId, agentId });
    this.taking.delete(conversationId);
    if (!result.ok) {
      this.quiet.delete(conversationId);
      return refused(result.error);
    }
    this.applyConversations([result.data.conversation]);
    this.quiet.delete(conversationId);
    if (agentId !== s.state.me.id) {
      const name = result.data.conversation.assignee?.name ?? 'your colleague';
      s.notify(`Chat transferred to ${name}`, 'info');
    }
    return { ok: true };
  }

  /** A supervisor takes a colleague's chat over. */
  takeOver(conversationId: string): Promise<ActionResult> {
    return this.transfer(conversationId, this.store.state.me.id);
  }

  /** A supervisor gives a waiting or stuck chat to an agent. */
  async assign(conversationId: string, agentId: string): Promise<ActionResult> {
    const result = await this.store.request('conversation:assign', { conversationId, agentId });
    if (!result.ok) return refused(result.error);
    this.applyConversations([result.data.conversation]);
    return { ok: true };
  }

  async invite(input: InviteRequest): Promise<ActionResult> {
    const s = this.store;
    const payload = {
      conversationId: input.conversationId,
      leave: input.leave,
      ...(input.agentId ? { agentId: input.agentId } : { departmentId: input.departmentId }),
    };
    const result = await s.request('conversation:invite', payload);
    if (!result.ok) return refused(result.error);
    s.update(upsertInvitation(s.state, result.data.invitation));
    return { ok: true };
  }

  /** The invitee joins or declines; joining opens the chat. */
  async answerInvitation(invitationId: string, accept: boolean): Promise<ActionResult> {
    const s = this.store;
    const joining = s.state.invitations[invitationId]?.conversationId;
    if (joining) this.taking.add(joining);
    const result = await s.request('invitation:answer', { invitationId, accept });
    if (joining) this.taking.delete(joining);
    if (!result.ok) {
      const inv = s.state.invitations[invitationId];
      // The invitation ended meanwhile (cancelled, or the chat closed): its card goes away.
      if (inv && result.error.code === 'NOT_FOUND') {
        s.update(upsertInvitation(s.state, { ...inv, status: 'cancelled' }));
        s.notify(result.error.message, 'info');
      }
      return refused(result.error);
    }
    const inv = result.data.invitation;
    s.update(upsertInvitation(s.state, inv));
    if (accept && inv.status === 'accepted') this.select(inv.conversationId);
    return { ok: true };
  }

  /** An invited colleague leaves the chat; it leaves their list. */
  async leave(conversationId: string): Promise<ActionResult> {
    const s = this.store;
    this.quiet.add(conversationId);
    const result = await s.request('conversation:leave', { conversationId });
    if (!result.ok) {
      this.quiet.delete(conversationId);
      return { ok: false, message: result.error.message };
    }
    const c = s.state.conversations[conversationId];
    if (c && !isRelevant(c, s.state.me)) {
      s.update(removeConversation(s.state, conversationId));
    }
    if (!isSupervisor(s.state.me)) {
      void s.request('conversation:unwatch', { conversationId });
    }
    this.quiet.delete(conversationId);
    return { ok: true };
  }

  async routingLog(
    conversationId: string,
  ): Promise<{ ok: true; entries: RoutingLogEntry[] } | { ok: false; message: string }> {
    const result = await this.store.request('conversation:log', { conversationId });
    return result.ok
      ? { ok: true, entries: result.data.entries }
      : { ok: false, message: result.error.message };
  }

  // ---- what the server reports ------------------------------------------------------------

  /** Invited colleagues hear a chat's messages only through watching it. */
  staysWatched(c: Conversation): boolean {
    const me = this.store.state.me.id;
    return c.status === 'active' && c.assignee?.id !== me && isParticipant(c, me);
  }

  /** The open chat is in front of the agent only when the page is visible and no direct chat covers it. */
  isInView(state: ConsoleState, conversationId: string): boolean {
    return state.selectedId === conversationId && state.directWith === null && this.store.visible;
  }

  receive(conversationId: string, messages: readonly Message[], pageAfterSeq?: number): void {
    const s = this.store;
    let next = receiveMessages(
      s.state,
      conversationId,
      messages,
      pageAfterSeq === undefined ? {} : { pageAfterSeq },
    );
    if (this.isInView(next, conversationId)) next = markRead(next, conversationId);
    if (messages.some((m) => m.author.type === 'visitor')) this.typingExpiry.clear(conversationId);
    s.update(next);
  }

  applyConversations(conversations: readonly Conversation[], baseline = false): void {
    const s = this.store;
    const selected = s.state.selectedId;
    const handed = baseline ? [] : conversations.filter((c) => this.handedToMe(c));
    let next = upsertConversations(s.state, conversations, { baseline });
    if (handed.length > 0)
      next = markHandedOver(
        next,
        handed.map((c) => c.id),
      );
    if (selected && next.selectedId === selected && next.conversations[selected]) {
      if (this.isInView(next, selected)) next = markRead(next, selected);
    }
    s.update(next);
    // The open chat vanished: someone else took it, or the visitor left, while the agent looked.
    if (selected && s.state.selectedId === null && !this.quiet.has(selected)) {
      s.notify(vanishedReason(conversations.find((c) => c.id === selected)), 'info');
    }
    const first = handed[0];
    if (first?.invited) {
      // A visitor answered this agent's proactive invitation: say so, not "transferred".
      const text = proactiveOutcome('accepted', visitorLabel(first));
      if (text) s.notify(text, 'info');
    } else if (first) {
      s.notify(`The chat with ${visitorLabel(first)} is now yours`, 'info');
    }
  }

  /**
   * A chat became this agent's without them taking it (a transfer, an assignment, a colleague
   * handing it over): worth telling, since nothing on screen asked for it.
   */
  private handedToMe(c: Conversation): boolean {
    const { state } = this.store;
    const me = state.me.id;
    if (c.status !== 'active' || c.assignee?.id !== me || this.taking.has(c.id)) return false;
    if (state.conversations[c.id]?.assignee?.id === me) return false;
    // Replying to a waiting chat accepts it: that was the agent's own doing.
    return !Object.values(state.pending).some((p) => p.conversationId === c.id);
  }

  drop(id: string, message: string): void {
    const s = this.store;
    s.update(removeConversation(s.state, id));
    s.notify(message, 'info');
  }

  onTyping(e: TypingEvent): void {
    if (e.author.type !== 'visitor') return;
    const s = this.store;
    const id = e.conversationId;
    s.update(setVisitorTyping(s.state, id, e.typing, e.preview));
    if (!e.typing) this.typingExpiry.clear(id);
    else {
      this.typingExpiry.start(id, TYPING_EXPIRY_MS, () =>
        s.update(setVisitorTyping(s.state, id, false)),
      );
    }
  }

  onSeen(e: SeenEvent): void {
    if (e.reader.type !== 'visitor') return;
    const s = this.store;
    s.update(setVisitorSeen(s.state, e.conversationId, e.seq));
  }

  onInvitation(inv: Invitation): void {
    const s = this.store;
    const before = s.state.invitations[inv.id];
    s.update(upsertInvitation(s.state, inv));
    if (before?.status === inv.status) return;
    const me = s.state.me.id;
    const outcome = invitationOutcome(inv, me);
    if (outcome) s.notify(outcome, 'info');
    if (inv.invitee.id === me && inv.status === 'cancelled' && before?.status === 'pending') {
      s.notify(`${inv.inviter.name} withdrew the invitation`, 'info');
    }
  }
}

/** Why the open chat left this agent's console, in words. */
export function vanishedReason(c: Conversation | undefined): string {
  if (c?.status === 'closed') return 'The visitor left before the chat was answered';
  if (c?.status === 'active' && c.assignee) return `${c.assignee.name} now handles this chat`;
  return 'Another agent already took this chat';
}
