import type {
  Agent,
  AgentListResponse,
  AgentStatus,
  BanInput,
  Conversation,
  DirectMessage,
  Invitation,
  LiveVisitor,
  Message,
  OrgSettings,
  ProactiveInvitation,
  RoutingLogEntry,
  SeenEvent,
  TypingEvent,
  Visibility,
} from '@parley/protocol';
import { io } from 'socket.io-client';
import { apiRequest } from '../api/http';
import { newClientId } from './core/clientId';
import * as direct from './direct/direct';
import { invitationOutcome, upsertInvitation } from './conversations/invitations';
import { KeyedTimers } from './core/keyedTimers';
import { Outbox, type SendExtras } from './messages/outbox';
import { request, type AgentSocket } from './core/request';
import { syncRequest, visitorLabel } from './conversations/selectors';
import * as convT from './conversations/conversations';
import * as msgT from './messages/messages';
import * as stateMod from './core/state';
import type { ConsoleState, Notice, PendingDirect, TeamMember } from './core/state';
import {
  clearInvitation,
  initialVisitors,
  markInvited,
  mergeDetails,
  proactiveOutcome,
  pruneLeft,
  receiveVisitorList,
  receiveVisitorUpdate,
  type VisitorsState,
} from './visitors/visitors';

const SYNC_BATCH = 100; // the protocol's cap on conversations per sync request
const TYPING_EXPIRY_MS = 6_000; // a lost "stopped typing" must not leave the indicator on
const RECONNECT_AFTER_REFUSAL_MS = 5_000;
const CLOSED_LIST_LIMIT = 30;
const TEAM_REFRESH_MS = 10_000;
const TEAM_DEBOUNCE_MS = 1_000;
/** How often the Visitors badge is refreshed while the Visitors page is not open. */
/** How often visitors who left are swept off the live list. */
const VISITOR_PRUNE_MS = 15_000;
/** A sent page card normally comes back as message:new; after this long it is fetched. */
const CARD_ECHO_MS = 1_500;

export interface AgentClientOptions {
  me: Agent;
  /** Called when the server no longer accepts this session (expired, signed out elsewhere). */
  onSessionLost: () => void;
  /** Answers whether the sign-in session is still valid, to tell a refusal from an outage. */
  checkSession: () => Promise<boolean>;
  /** Whether the agent can see the page now; hidden pages do not mark messages read. */
  isVisible?: () => boolean;
  createSocket?: () => AgentSocket;
  /** Colleagues for agents who may not read the team load (REST `GET /agents`). */
  fetchAgents?: () => Promise<Agent[]>;
}

export type ActionResult = { ok: true } | { ok: false; message: string; code?: string };

export interface InviteRequest {
  conversationId: string;
  agentId?: string;
  departmentId?: string;
  leave: boolean;
}

const defaultFetchAgents = () => apiRequest<AgentListResponse>('/agents').then((r) => r.agents);

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
  /** Chats the agent is leaving or handing over on purpose: their disappearance is no news. */
  private readonly quiet = new Set<string>();
  /** Chats this agent is taking on purpose right now (accept, join, take over). */
  private readonly taking = new Set<string>();
  private teamWatchers = 0;
  private teamInterval: ReturnType<typeof setInterval> | null = null;
  private teamDebounce: ReturnType<typeof setTimeout> | null = null;
  private teamInFlight: Promise<void> | null = null;
  /** Components showing the live visitor list (the Visitors page). */
  private visitorListWatchers = 0;
  private visitorPruneTimer: ReturnType<typeof setInterval> | null = null;
  /**
   * visitors:list and visitors:unsubscribe go out one after another: an unsubscribe overtaking
   * a list (or the reverse) would leave the page without updates, or the socket subscribed.
   */
  private visitorQueue: Promise<unknown> = Promise.resolve();
  /** Visitors whose details something on screen shows, with how many things show them. */
  private readonly watchedVisitors = new Map<string, number>();
  /** A page card's clientId, reused when the same page is sent again after a failure. */
  private readonly cardClientIds = new Map<string, string>();

  constructor(private readonly options: AgentClientOptions) {
    this.state = stateMod.initialState(options.me);
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
    this.reportSeen();
    for (const listener of this.listeners) listener();
  }

  /** Per conversation: the highest seq already reported to the server as seen. */
  private readonly seenSent = new Map<string, number>();

  /**
   * Read receipts: once the open chat's messages count as read (it is in view), tell the
   * server how far the agent has seen. Fire and forget; the next read repeats it anyway.
   */
  private reportSeen(): void {
    const id = this.state.selectedId;
    if (!id || !this.socket.connected || !this.isInView(this.state, id)) return;
    const c = this.state.conversations[id];
    if (!c || c.status === 'closed') return;
    const read = this.state.readSeq[id] ?? 0;
    if (read <= (this.seenSent.get(id) ?? 0)) return;
    // Only what came from others is worth a receipt; my own lines need none.
    const list = this.state.messages[id] ?? [];
    const fromOthers = list.some(
      (m) =>
        m.seq <= read && m.seq > (this.seenSent.get(id) ?? 0) && m.author.id !== this.state.me.id,
    );
    this.seenSent.set(id, read);
    if (fromOthers) this.socket.emit('message:seen', { conversationId: id, seq: read });
  }

  private get visible(): boolean {
    return this.options.isVisible?.() ?? true;
  }

  start(): void {
    const s = this.socket;
    s.on('connect', () => void this.resume());
    s.on('disconnect', (reason) => {
      this.update(convT.setConnection(this.state, 'reconnecting'));
      // The server only drops a socket on purpose when the session ended.
      if (reason === 'io server disconnect') void this.recoverFromRefusal();
    });
    s.on('connect_error', () => {
      if (!s.active) void this.recoverFromRefusal();
    });
    s.on('message:new', (m) => this.receive(m.conversationId, [m]));
    s.on('conversation:updated', (c) => {
      this.applyConversations([c]);
      this.teamChanged();
    });
    s.on('agent:updated', (agent) => this.onAgentUpdated(agent));
    s.on('typing', (e) => this.onTyping(e));
    s.on('seen', (e) => this.onSeen(e));
    s.on('invitation:updated', (inv) => this.onInvitation(inv));
    s.on('direct:new', (m) => this.onDirect(m));
    s.on('visitor:updated', (v) => this.onVisitorUpdated(v));
    // The navigation badge; while the Visitors page lists them, the list counts instead.
    s.on('visitors:count', ({ online }) => {
      if (!this.state.visitors.live && online !== this.state.visitors.count)
        this.setVisitors({ ...this.state.visitors, count: online });
    });
    s.on('proactive:updated', (inv) => this.onProactive(inv));
    s.connect();
  }

  stop(): void {
    this.stopped = true;
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.typingExpiry.clearAll();
    this.listeners.clear();
    if (this.teamInterval) clearInterval(this.teamInterval);
    if (this.teamDebounce) clearTimeout(this.teamDebounce);
    if (this.visitorPruneTimer) clearInterval(this.visitorPruneTimer);
  }

  // ---- actions the UI calls -------------------------------------------------------------

  select(id: string | null): void {
    const previous = this.state.selectedId;
    if (previous === id) {
      if (this.state.directWith) this.update(direct.openDirect(this.state, null));
      return;
    }
    this.update(convT.select(this.state, id));
    if (!this.socket.connected) return; // resume() watches the selection once connected
    const prev = previous ? this.state.conversations[previous] : undefined;
    // Chats the agent was invited into stay watched: that is how their messages arrive.
    if (previous && prev?.status !== 'closed' && !(prev && this.staysWatched(prev))) {
      void request(this.socket, 'conversation:unwatch', { conversationId: previous });
    }
    if (id) void this.watch(id);
  }

  /** Marks the open chat read, e.g. when the agent comes back to the browser tab. */
  markSelectedRead(): void {
    if (this.state.directWith) {
      this.update(direct.markDirectRead(this.state, this.state.directWith));
      return;
    }
    const id = this.state.selectedId;
    if (id) this.update(convT.markRead(this.state, id));
  }

  async accept(conversationId: string): Promise<ActionResult> {
    this.taking.add(conversationId);
    const result = await request(this.socket, 'conversation:accept', { conversationId });
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
    const result = await request(this.socket, 'conversation:reject', { conversationId });
    if (!result.ok) return { ok: false, message: result.error.message, code: result.error.code };
    const wasSelected = this.state.selectedId === conversationId;
    this.update(convT.markRejected(this.state, conversationId));
    if (wasSelected && this.state.selectedId === null && this.socket.connected) {
      void request(this.socket, 'conversation:unwatch', { conversationId });
    }
    return { ok: true };
  }

  async close(conversationId: string): Promise<ActionResult> {
    const result = await request(this.socket, 'conversation:close', { conversationId });
    if (result.ok) this.applyConversations([result.data.conversation]);
    return result.ok ? { ok: true } : { ok: false, message: result.error.message };
  }

  /** Hands an active chat to a colleague (owner or supervisor). */
  async transfer(conversationId: string, agentId: string): Promise<ActionResult> {
    const toMe = agentId === this.state.me.id;
    (toMe ? this.taking : this.quiet).add(conversationId);
    const result = await request(this.socket, 'conversation:transfer', { conversationId, agentId });
    this.taking.delete(conversationId);
    if (!result.ok) {
      this.quiet.delete(conversationId);
      return { ok: false, message: result.error.message, code: result.error.code };
    }
    this.applyConversations([result.data.conversation]);
    this.quiet.delete(conversationId);
    if (agentId !== this.state.me.id) {
      const name = result.data.conversation.assignee?.name ?? 'your colleague';
      this.notify(`Chat transferred to ${name}`, 'info');
    }
    return { ok: true };
  }

  /** A supervisor takes a colleague's chat over. */
  takeOver(conversationId: string): Promise<ActionResult> {
    return this.transfer(conversationId, this.state.me.id);
  }

  /** A supervisor gives a waiting or stuck chat to an agent. */
  async assign(conversationId: string, agentId: string): Promise<ActionResult> {
    const result = await request(this.socket, 'conversation:assign', { conversationId, agentId });
    if (!result.ok) return { ok: false, message: result.error.message, code: result.error.code };
    this.applyConversations([result.data.conversation]);
    return { ok: true };
  }

  async invite(input: InviteRequest): Promise<ActionResult> {
    const payload = {
      conversationId: input.conversationId,
      leave: input.leave,
      ...(input.agentId ? { agentId: input.agentId } : { departmentId: input.departmentId }),
    };
    const result = await request(this.socket, 'conversation:invite', payload);
    if (!result.ok) return { ok: false, message: result.error.message, code: result.error.code };
    this.update(upsertInvitation(this.state, result.data.invitation));
    return { ok: true };
  }

  /** The invitee joins or declines; joining opens the chat. */
  async answerInvitation(invitationId: string, accept: boolean): Promise<ActionResult> {
    const joining = this.state.invitations[invitationId]?.conversationId;
    if (joining) this.taking.add(joining);
    const result = await request(this.socket, 'invitation:answer', { invitationId, accept });
    if (joining) this.taking.delete(joining);
    if (!result.ok) {
      const inv = this.state.invitations[invitationId];
      // The invitation ended meanwhile (cancelled, or the chat closed): its card goes away.
      if (inv && result.error.code === 'NOT_FOUND') {
        this.update(upsertInvitation(this.state, { ...inv, status: 'cancelled' }));
        this.notify(result.error.message, 'info');
      }
      return { ok: false, message: result.error.message, code: result.error.code };
    }
    const inv = result.data.invitation;
    this.update(upsertInvitation(this.state, inv));
    if (accept && inv.status === 'accepted') this.select(inv.conversationId);
    return { ok: true };
  }

  /** The inviter withdraws an invitation nobody answered yet. */
  cancelInvitation(invitationId: string): Promise<ActionResult> {
    return this.answerInvitation(invitationId, false);
  }

  /** An invited colleague leaves the chat; it leaves their list. */
  async leave(conversationId: string): Promise<ActionResult> {
    this.quiet.add(conversationId);
    const result = await request(this.socket, 'conversation:leave', { conversationId });
    if (!result.ok) {
      this.quiet.delete(conversationId);
      return { ok: false, message: result.error.message };
    }
    const c = this.state.conversations[conversationId];
    if (c && !convT.isRelevant(c, this.state.me)) {
      this.update(convT.removeConversation(this.state, conversationId));
    }
    if (!convT.isSupervisor(this.state.me)) {
      void request(this.socket, 'conversation:unwatch', { conversationId });
    }
    this.quiet.delete(conversationId);
    return { ok: true };
  }

  async routingLog(
    conversationId: string,
  ): Promise<{ ok: true; entries: RoutingLogEntry[] } | { ok: false; message: string }> {
    const result = await request(this.socket, 'conversation:log', { conversationId });
    return result.ok
      ? { ok: true, entries: result.data.entries }
      : { ok: false, message: result.error.message };
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

  /** Auto-away: nobody touched the console for a while, so no new chats should come here. */
  async goAwayAfterIdle(minutes: number): Promise<void> {
    if (this.state.me.status !== 'online') return;
    const result = await this.setStatus('away');
    if (result.ok) {
      const span = minutes === 1 ? '1 minute' : `${minutes} minutes`;
      this.notify(`You were set to Away after ${span} without activity`, 'info', true);
    }
  }

  setSettings(settings: OrgSettings): void {
    this.update({ ...this.state, settings });
  }

  /** The signed-in agent changed through REST (a new profile photo, say). */
  applyAgent(agent: Agent): void {
    this.onAgentUpdated(agent);
  }

  send(
    conversationId: string,
    body: string,
    visibility: Visibility = 'public',
    extra: SendExtras = {},
  ): void {
    this.outbox.send(conversationId, body, visibility, extra);
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

  /** Short news for the agent from the UI itself ("Visitor banned for 1 day"). */
  say(message: string, tone: Notice['tone'] = 'info'): void {
    this.notify(message, tone);
  }

  dismissNotice(id: number): void {
    if (this.state.notice?.id === id) this.update({ ...this.state, notice: null });
  }

  // ---- team ---------------------------------------------------------------------------------

  /** Reloads colleagues (with their load, for supervisors). Concurrent calls share one request. */
  refreshTeam(): Promise<void> {
    this.teamInFlight ??= this.loadTeam().finally(() => {
      this.teamInFlight = null;
    });
    return this.teamInFlight;
  }

  /** Keeps the team fresh while something shows it: every 10 s, and soon after any change. */
  watchTeam(): () => void {
    this.teamWatchers += 1;
    if (this.teamWatchers === 1) {
      void this.refreshTeam();
      this.teamInterval = setInterval(() => void this.refreshTeam(), TEAM_REFRESH_MS);
    }
    return () => {
      this.teamWatchers -= 1;
      if (this.teamWatchers === 0 && this.teamInterval) {
        clearInterval(this.teamInterval);
        this.teamInterval = null;
      }
    };
  }

  private teamChanged(): void {
    if (this.teamWatchers === 0 || this.teamDebounce) return;
    this.teamDebounce = setTimeout(() => {
      this.teamDebounce = null;
      void this.refreshTeam();
    }, TEAM_DEBOUNCE_MS);
  }

  private async loadTeam(): Promise<void> {
    let members: TeamMember[];
    if (convT.isSupervisor(this.state.me)) {
      const result = await request(this.socket, 'agents:load', {});
      if (!result.ok) {
        this.update({ ...this.state, team: { ...this.state.team, error: result.error.message } });
        return;
      }
      members = result.data.agents.map((a) => ({ ...a }));
    } else {
      try {
        const agents = await (this.options.fetchAgents ?? defaultFetchAgents)();
        members = agents.map((agent) => ({
          agent,
          connected: null,
          activeChats: null,
          maxChats: null,
          departmentIds: [],
        }));
      } catch (err) {
        const message = err instanceof Error ? err.message : 'Could not load the team.';
        this.update({ ...this.state, team: { ...this.state.team, error: message } });
        return;
      }
    }
    this.update({ ...this.state, team: { members, refreshedAt: Date.now(), error: null } });
  }

  private onAgentUpdated(agent: Agent): void {
    let next = this.state;
    if (agent.id === next.me.id) next = { ...next, me: agent };
    const members = next.team.members;
    if (members.some((m) => m.agent.id === agent.id)) {
      next = {
        ...next,
        team: {
          ...next.team,
          members: members.map((m) => (m.agent.id === agent.id ? { ...m, agent } : m)),
        },
      };
    }
    this.update(next);
    this.teamChanged();
  }

  // ---- visitors -------------------------------------------------------------------------------

  /**
   * Keeps the visitor list live while something shows it (the Visitors page): subscribes on the
   * first watcher, unsubscribes and forgets the list after the last one leaves.
   */
  watchVisitors(): () => void {
    this.visitorListWatchers += 1;
    if (this.visitorListWatchers === 1) {
      this.setVisitors({ ...this.state.visitors, live: true, loaded: false, error: null });
      void this.serialVisitors(() => this.listVisitors());
      this.visitorPruneTimer = setInterval(
        () => this.setVisitors(pruneLeft(this.state.visitors, Date.now())),
        VISITOR_PRUNE_MS,
      );
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.visitorListWatchers -= 1;
      if (this.visitorListWatchers > 0) return;
      if (this.visitorPruneTimer) clearInterval(this.visitorPruneTimer);
      this.visitorPruneTimer = null;
      // Nothing keeps the list current once unsubscribed; only the count stays, for the badge.
      this.setVisitors({ ...initialVisitors(), count: this.state.visitors.count });
      void this.serialVisitors(async () => {
        if (this.socket.connected && !this.state.visitors.live) {
          await request(this.socket, 'visitors:unsubscribe', {});
        }
      });
    };
  }

  /** Reads the live list again (after it failed to load). */
  reloadVisitors(): void {
    if (this.state.visitors.live) void this.serialVisitors(() => this.listVisitors());
  }

  /** Reads one visitor's details and keeps them live while watched (chat panel, drawer). */
  watchVisitor(visitorId: string): () => void {
    const watchers = this.watchedVisitors.get(visitorId) ?? 0;
    this.watchedVisitors.set(visitorId, watchers + 1);
    if (watchers === 0) void this.loadVisitor(visitorId);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.watchedVisitors.get(visitorId) ?? 1) - 1;
      if (left > 0) {
        this.watchedVisitors.set(visitorId, left);
        return;
      }
      this.watchedVisitors.delete(visitorId);
      this.update({
        ...this.state,
        visitorDetails: stateMod.without(this.state.visitorDetails, visitorId),
        visitorDetailsError: stateMod.without(this.state.visitorDetailsError, visitorId),
      });
      if (this.socket.connected) void request(this.socket, 'visitor:unwatch', { visitorId });
    };
  }

  /** Reads a watched visitor again (their history changed when a chat closed, say). */
  refreshVisitor(visitorId: string): void {
    if (this.watchedVisitors.has(visitorId)) void this.loadVisitor(visitorId);
  }

  /** A proactive invitation: the visitor's widget opens with the message (Online agents only). */
  async inviteVisitor(visitorId: string, message: string): Promise<ActionResult> {
    const result = await request(this.socket, 'visitor:invite', { visitorId, message });
    if (!result.ok) return { ok: false, message: result.error.message, code: result.error.code };
    this.update(this.withProactive(this.state, result.data.invitation));
    return { ok: true };
  }

  async banVisitor(input: BanInput): Promise<ActionResult> {
    const result = await request(this.socket, 'visitor:ban', input);
    if (!result.ok) return { ok: false, message: result.error.message, code: result.error.code };
    return { ok: true };
  }

  /**
   * Posts a page of the site as a card and takes the visitor's page there. A retry of the same
   * page after a failure reuses its clientId, so a lost acknowledgement cannot post it twice.
   */
  async sendPage(conversationId: string, url: string): Promise<ActionResult> {
    const key = `${conversationId}\n${url}`;
    const clientId = this.cardClientIds.get(key) ?? newClientId();
    this.cardClientIds.set(key, clientId);
    const result = await request(this.socket, 'conversation:sendPage', {
      conversationId,
      clientId,
      url,
    });
    if (!result.ok) return { ok: false, message: result.error.message, code: result.error.code };
    this.cardClientIds.delete(key);
    // The card (with the title and image the server read from the page) arrives as message:new;
    // should this socket miss it, fetch what came after what we hold.
    const seq = result.data.seq;
    setTimeout(() => {
      if (this.stopped || !this.socket.connected) return;
      const held = this.state.syncedSeq[conversationId] ?? 0;
      if (held < seq) void this.sync([{ id: conversationId, afterSeq: held }]);
    }, CARD_ECHO_MS);
    return { ok: true };
  }

  private setVisitors(visitors: VisitorsState): void {
    if (visitors !== this.state.visitors) this.update({ ...this.state, visitors });
  }

  private serialVisitors(op: () => Promise<void>): Promise<void> {
    const run = this.visitorQueue.then(op, op);
    this.visitorQueue = run.catch(() => undefined);
    return run;
  }

  private async listVisitors(): Promise<void> {
    if (!this.state.visitors.live || !this.socket.connected) return;
    const result = await request(this.socket, 'visitors:list', {});
    if (!this.state.visitors.live) return; // the page closed meanwhile; its release unsubscribes
    if (!result.ok) {
      this.setVisitors({ ...this.state.visitors, error: result.error.message });
      return;
    }
    this.setVisitors(receiveVisitorList(this.state.visitors, result.data.visitors, Date.now()));
  }

  private async loadVisitor(visitorId: string): Promise<void> {
    const result = await request(this.socket, 'visitor:get', { visitorId });
    if (!this.watchedVisitors.has(visitorId)) {
      // Nobody looks any more: undo the subscription the read implied.
      if (result.ok && this.socket.connected) {
        void request(this.socket, 'visitor:unwatch', { visitorId });
      }
      return;
    }
    if (!result.ok) {
      this.update({
        ...this.state,
        visitorDetailsError: {
          ...this.state.visitorDetailsError,
          [visitorId]: result.error.message,
        },
      });
      return;
    }
    this.update({
      ...this.state,
      visitorDetails: { ...this.state.visitorDetails, [visitorId]: result.data.visitor },
      visitorDetailsError: stateMod.without(this.state.visitorDetailsError, visitorId),
    });
  }

  private onVisitorUpdated(v: LiveVisitor): void {
    let next = this.state;
    if (next.visitors.live) {
      const visitors = receiveVisitorUpdate(next.visitors, v, Date.now());
      if (visitors !== next.visitors) next = { ...next, visitors };
    }
    const details = next.visitorDetails[v.id];
    if (details) {
      const merged = mergeDetails(details, v);
      if (merged !== details) {
        next = { ...next, visitorDetails: { ...next.visitorDetails, [v.id]: merged } };
      }
    }
    this.update(next);
  }

  private withProactive(state: ConsoleState, inv: ProactiveInvitation): ConsoleState {
    const visitors =
      inv.status === 'pending'
        ? markInvited(state.visitors, inv)
        : clearInvitation(state.visitors, inv);
    return { ...state, visitors, proactive: { ...state.proactive, [inv.id]: inv } };
  }

  private onProactive(inv: ProactiveInvitation): void {
    const before = this.state.proactive[inv.id];
    this.update(this.withProactive(this.state, inv));
    if (before?.status === inv.status || inv.agent.id !== this.state.me.id) return;
    // An accepted invitation is announced when its chat arrives (applyConversations).
    if (inv.status === 'declined') {
      const text = proactiveOutcome(inv.status, this.visitorName(inv.visitorId));
      if (text) this.notify(text, 'info');
    }
  }

  /** The best name we hold for a visitor: listed, watched, or from one of their chats. */
  private visitorName(visitorId: string): string {
    const v = this.state.visitors.byId[visitorId] ?? this.state.visitorDetails[visitorId];
    if (v) return v.name?.trim() || v.code;
    const c = Object.values(this.state.conversations).find((x) => x.visitor.id === visitorId);
    return c ? visitorLabel(c) : 'The visitor';
  }

  // ---- direct chat --------------------------------------------------------------------------

  /** Shows the direct chat with a colleague (null goes back to the visitor chat). */
  openDirect(agentId: string | null): void {
    this.update(direct.openDirect(this.state, agentId));
    if (agentId && !this.state.directLoaded[agentId]) void this.loadDirect(agentId);
  }

  sendDirect(toAgentId: string, body: string): void {
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
    this.update(direct.addDirectPending(this.state, pending));
    void this.transmitDirect(pending);
  }

  retryDirect(clientId: string): void {
    const p = this.state.directPending[clientId];
    if (!p) return;
    this.update(direct.setDirectPendingState(this.state, clientId, null));
    void this.transmitDirect(p);
  }

  discardDirect(clientId: string): void {
    this.update(direct.discardDirectPending(this.state, clientId));
  }

  private async transmitDirect(p: PendingDirect): Promise<void> {
    const result = await request(this.socket, 'direct:send', {
      toAgentId: p.toAgentId,
      clientId: p.clientId,
      body: p.body,
    });
    if (result.ok) {
      this.update(direct.receiveDirect(this.state, [result.data.message]));
      this.update(direct.markDirectRead(this.state, p.toAgentId));
    } else {
      this.update(direct.setDirectPendingState(this.state, p.clientId, result.error));
    }
  }

  private async loadDirect(agentId: string): Promise<void> {
    const result = await request(this.socket, 'direct:history', { agentId });
    if (!result.ok) return;
    let next = direct.receiveDirect(this.state, result.data.messages);
    next = direct.markDirectLoaded(next, agentId);
    if (next.directWith === agentId) next = direct.markDirectRead(next, agentId);
    this.update(next);
  }

  private onDirect(m: DirectMessage): void {
    const peer = direct.directPeer(m, this.state.me.id);
    let next = direct.receiveDirect(this.state, [m]);
    if (next.directWith === peer && this.visible) next = direct.markDirectRead(next, peer);
    this.update(next);
    if (m.senderId !== this.state.me.id && this.state.directWith !== peer) {
      const name = this.state.team.members.find((t) => t.agent.id === peer)?.agent.name;
      this.notify(name ? `New message from ${name}` : 'New direct message', 'info');
    }
  }

  // ---- invitations ----------------------------------------------------------------------------

  private onInvitation(inv: Invitation): void {
    const before = this.state.invitations[inv.id];
    this.update(upsertInvitation(this.state, inv));
    if (before?.status === inv.status) return;
    const me = this.state.me.id;
    const outcome = invitationOutcome(inv, me);
    if (outcome) this.notify(outcome, 'info');
    if (inv.invitee.id === me && inv.status === 'cancelled' && before?.status === 'pending') {
      this.notify(`${inv.inviter.name} withdrew the invitation`, 'info');
    }
  }

  // ---- connection lifecycle ---------------------------------------------------------------

  /** After every (re)connect: resend, refresh lists, fetch what was missed, re-watch. */
  private async resume(): Promise<void> {
    const baseline = !this.everConnected;
    this.everConnected = true;
    this.update(convT.setConnection(this.state, 'connected'));

    // Replies go out first: the agent already pressed Send, and the clientId makes it safe.
    this.outbox.resendAll();
    for (const p of Object.values(this.state.directPending)) {
      if (p.state === 'sending') void this.transmitDirect(p);
    }

    const supervisor = convT.isSupervisor(this.state.me);
    const lists = await Promise.all([
      request(this.socket, 'conversation:list', { status: 'queued', limit: 200 }),
      request(this.socket, 'conversation:list', { status: 'offered', limit: 200 }),
      // Agents get the chats they own or were invited into; supervisors every active chat.
      request(this.socket, 'conversation:list', { status: 'active', limit: 200 }),
      request(this.socket, 'conversation:list', {
        status: 'closed',
        ...(supervisor ? {} : { mine: true }),
        limit: CLOSED_LIST_LIMIT,
      }),
    ]);
    for (const list of lists) {
      if (list.ok) this.applyConversations(list.data.conversations, baseline);
    }
    if (!this.state.loaded) this.update({ ...this.state, loaded: true });

    if (!baseline) await this.sync(syncRequest(this.state));
    const selected = this.state.selectedId;
    const watched = Object.values(this.state.conversations).filter(
      (c) => c.id !== selected && this.staysWatched(c),
    );
    await Promise.all(watched.map((c) => this.watch(c.id)));
    if (selected) await this.watch(selected);

    // A new socket has no visitor subscriptions: take them up again.
    if (this.state.visitors.live) void this.serialVisitors(() => this.listVisitors());
    for (const visitorId of this.watchedVisitors.keys()) void this.loadVisitor(visitorId);
  }

  /** Invited colleagues hear a chat's messages only through watching it. */
  private staysWatched(c: Conversation): boolean {
    const me = this.state.me.id;
    return c.status === 'active' && c.assignee?.id !== me && convT.isParticipant(c, me);
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
    this.update(msgT.markHistoryLoaded(this.state, id));
    const held = this.state.syncedSeq[id] ?? 0;
    if (held < result.data.conversation.lastSeq) await this.sync([{ id, afterSeq: held }]);
  }

  // ---- incoming ------------------------------------------------------------------------------

  /** The open chat is in front of the agent only when the page is visible and no direct chat covers it. */
  private isInView(state: ConsoleState, conversationId: string): boolean {
    return state.selectedId === conversationId && state.directWith === null && this.visible;
  }

  private receive(
    conversationId: string,
    messages: readonly Message[],
    pageAfterSeq?: number,
  ): void {
    let next = msgT.receiveMessages(
      this.state,
      conversationId,
      messages,
      pageAfterSeq === undefined ? {} : { pageAfterSeq },
    );
    if (this.isInView(next, conversationId)) next = convT.markRead(next, conversationId);
    if (messages.some((m) => m.author.type === 'visitor')) this.typingExpiry.clear(conversationId);
    this.update(next);
  }

  private applyConversations(conversations: readonly Conversation[], baseline = false): void {
    const selected = this.state.selectedId;
    const handed = baseline ? [] : conversations.filter((c) => this.handedToMe(c));
    let next = convT.upsertConversations(this.state, conversations, { baseline });
    if (handed.length > 0)
      next = convT.markHandedOver(
        next,
        handed.map((c) => c.id),
      );
    if (selected && next.selectedId === selected && next.conversations[selected]) {
      if (this.isInView(next, selected)) next = convT.markRead(next, selected);
    }
    this.update(next);
    // The open chat vanished: someone else took it, or the visitor left, while the agent looked.
    if (selected && this.state.selectedId === null && !this.quiet.has(selected)) {
      this.notify(vanishedReason(conversations.find((c) => c.id === selected)), 'info');
    }
    const first = handed[0];
    if (first?.invited) {
      // A visitor answered this agent's proactive invitation: say so, not "transferred".
      const text = proactiveOutcome('accepted', visitorLabel(first));
      if (text) this.notify(text, 'info');
    } else if (first) {
      this.notify(`The chat with ${visitorLabel(first)} is now yours`, 'info');
    }
  }

  /**
   * A chat became this agent's without them taking it (a transfer, an assignment, a colleague
   * handing it over): worth telling, since nothing on screen asked for it.
   */
  private handedToMe(c: Conversation): boolean {
    const me = this.state.me.id;
    if (c.status !== 'active' || c.assignee?.id !== me || this.taking.has(c.id)) return false;
    if (this.state.conversations[c.id]?.assignee?.id === me) return false;
    // Replying to a waiting chat accepts it: that was the agent's own doing.
    return !Object.values(this.state.pending).some((p) => p.conversationId === c.id);
  }

  private drop(id: string, message: string): void {
    this.update(convT.removeConversation(this.state, id));
    this.notify(message, 'info');
  }

  private onTyping(e: TypingEvent): void {
    if (e.author.type !== 'visitor') return;
    const id = e.conversationId;
    this.update(convT.setVisitorTyping(this.state, id, e.typing, e.preview));
    if (!e.typing) this.typingExpiry.clear(id);
    else {
      this.typingExpiry.start(id, TYPING_EXPIRY_MS, () =>
        this.update(convT.setVisitorTyping(this.state, id, false)),
      );
    }
  }

  private onSeen(e: SeenEvent): void {
    if (e.reader.type !== 'visitor') return;
    this.update(convT.setVisitorSeen(this.state, e.conversationId, e.seq));
  }

  private notify(message: string, tone: Notice['tone'], sticky = false): void {
    this.noticeSeq += 1;
    this.update({ ...this.state, notice: { id: this.noticeSeq, message, tone, sticky } });
  }
}

/** Why the open chat left this agent's console, in words. */
export function vanishedReason(c: Conversation | undefined): string {
  if (c?.status === 'closed') return 'The visitor left before the chat was answered';
  if (c?.status === 'active' && c.assignee) return `${c.assignee.name} now handles this chat`;
  return 'Another agent already took this chat';
}
