import type { Agent, AgentStatus, BanInput, OrgSettings, RoutingLogEntry } from '@parley/protocol';
import { ConversationControl, type InviteRequest } from './conversations/conversationControl';
import { ConnectionControl } from './core/connectionControl';
import type { Features } from './core/features';
import type { ConsoleState, Notice } from './core/state';
import { Store, type ActionResult, type AgentClientOptions } from './core/store';
import { DirectControl } from './direct/directControl';
import { SendingControl } from './messages/sendingControl';
import { listTagsApi } from '../api/tags';
import { TagControl } from './tags/tagControl';
import { TeamControl } from './team/teamControl';
import { VisitorControl } from './visitors/visitorControl';

export type { InviteRequest } from './conversations/conversationControl';
export { vanishedReason } from './conversations/conversationControl';
export type { ActionResult, AgentClientOptions } from './core/store';

/**
 * The console's connection to the server: owns the agent socket and the normalized store, and
 * is the event source the React tree subscribes to. Nothing in here knows about components.
 * Each feature is a controller over one Store (see core/features.ts); this is the face the
 * components see.
 */
export class AgentClient implements Features {
  private readonly store: Store;
  readonly connection: ConnectionControl;
  readonly conversation: ConversationControl;
  readonly sending: SendingControl;
  readonly team: TeamControl;
  readonly visitors: VisitorControl;
  readonly direct: DirectControl;
  /** The installation's tags, live; chats' titles and tags come with the chats. */
  readonly tags: TagControl;

  constructor(options: AgentClientOptions) {
    const store = (this.store = new Store(options));
    this.connection = new ConnectionControl(store, this);
    this.conversation = new ConversationControl(store, this);
    this.sending = new SendingControl(store, this);
    this.team = new TeamControl(store);
    this.visitors = new VisitorControl(store, this);
    this.direct = new DirectControl(store);
    this.tags = new TagControl(store, options.fetchTags ?? listTagsApi, (c) =>
      this.conversation.applyConversations([c]),
    );
    store.afterUpdate = () => this.sending.reportSeen();
  }

  readonly subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  readonly getState = (): ConsoleState => this.store.state;

  start(): void {
    this.connection.start();
  }

  stop(): void {
    this.store.stop();
    this.conversation.dispose();
    this.team.dispose();
    this.visitors.dispose();
  }

  // ---- conversations ----------------------------------------------------------------------

  select(id: string | null): void {
    this.conversation.select(id);
  }

  /** Marks the open chat read, e.g. when the agent comes back to the browser tab. */
  markSelectedRead(): void {
    this.conversation.markSelectedRead();
  }

  accept(conversationId: string): Promise<ActionResult> {
    return this.conversation.accept(conversationId);
  }

  /** Turns an offer down: the chat goes back to the queue and leaves this agent's list. */
  reject(conversationId: string): Promise<ActionResult> {
    return this.conversation.reject(conversationId);
  }

  close(conversationId: string): Promise<ActionResult> {
    return this.conversation.close(conversationId);
  }

  /** Hands an active chat to a colleague (owner or supervisor). */
  transfer(conversationId: string, agentId: string): Promise<ActionResult> {
    return this.conversation.transfer(conversationId, agentId);
  }

  /** A supervisor takes a colleague's chat over. */
  takeOver(conversationId: string): Promise<ActionResult> {
    return this.conversation.takeOver(conversationId);
  }

  /** A supervisor gives a waiting or stuck chat to an agent. */
  assign(conversationId: string, agentId: string): Promise<ActionResult> {
    return this.conversation.assign(conversationId, agentId);
  }

  invite(input: InviteRequest): Promise<ActionResult> {
    return this.conversation.invite(input);
  }

  /** The invitee joins or declines; joining opens the chat. */
  answerInvitation(invitationId: string, accept: boolean): Promise<ActionResult> {
    return this.conversation.answerInvitation(invitationId, accept);
  }

  /** The inviter withdraws an invitation nobody answered yet. */
  cancelInvitation(invitationId: string): Promise<ActionResult> {
    return this.conversation.answerInvitation(invitationId, false);
  }

  /** An invited colleague leaves the chat; it leaves their list. */
  leave(conversationId: string): Promise<ActionResult> {
    return this.conversation.leave(conversationId);
  }

  routingLog(
    conversationId: string,
  ): Promise<{ ok: true; entries: RoutingLogEntry[] } | { ok: false; message: string }> {
    return this.conversation.routingLog(conversationId);
  }

  // ---- sending ----------------------------------------------------------------------------

  /** A reply (or private note) goes out; it shows as sending until the server acks it. */
  readonly send: SendingControl['send'] = (...args) => this.sending.send(...args);
  readonly retry: SendingControl['retry'] = (clientId) => this.sending.retry(clientId);
  readonly discard: SendingControl['discard'] = (clientId) => this.sending.discard(clientId);

  /** Tells the visitor's widget whether the agent is typing; dropped while offline. */
  sendTyping(conversationId: string, typing: boolean): void {
    this.sending.sendTyping(conversationId, typing);
  }

  // ---- the agent and the team ---------------------------------------------------------------

  setStatus(status: AgentStatus): Promise<ActionResult> {
    return this.team.setStatus(status);
  }

  /** Auto-away: nobody touched the console for a while, so no new chats should come here. */
  goAwayAfterIdle(minutes: number): Promise<void> {
    return this.team.goAwayAfterIdle(minutes);
  }

  /** The signed-in agent changed through REST (a new profile photo, say). */
  applyAgent(agent: Agent): void {
    this.team.onAgentUpdated(agent);
  }

  /** Reloads colleagues (with their load, for supervisors). Concurrent calls share one request. */
  refreshTeam(): Promise<void> {
    return this.team.refresh();
  }

  /** Keeps the team fresh while something shows it: every 10 s, and soon after any change. */
  watchTeam(): () => void {
    return this.team.watch();
  }

  setSettings(settings: OrgSettings): void {
    this.store.update({ ...this.store.state, settings });
  }

  /** Short news for the agent from the UI itself ("Visitor banned for 1 day"). */
  say(message: string, tone: Notice['tone'] = 'info'): void {
    this.store.notify(message, tone);
  }

  dismissNotice(id: number): void {
    const s = this.store;
    if (s.state.notice?.id === id) s.update({ ...s.state, notice: null });
  }

  // ---- visitors -----------------------------------------------------------------------------

  /** Keeps the visitor list live while something shows it (the Visitors page). */
  watchVisitors(): () => void {
    return this.visitors.watchList();
  }

  /** Reads the live list again (after it failed to load). */
  reloadVisitors(): void {
    this.visitors.reloadList();
  }

  /** Reads one visitor's details and keeps them live while watched (chat panel, drawer). */
  watchVisitor(visitorId: string): () => void {
    return this.visitors.watch(visitorId);
  }

  /** Reads a watched visitor again (their history changed when a chat closed, say). */
  refreshVisitor(visitorId: string): void {
    this.visitors.refresh(visitorId);
  }

  /** A proactive invitation: the visitor's widget opens with the message (Online agents only). */
  inviteVisitor(visitorId: string, message: string): Promise<ActionResult> {
    return this.visitors.invite(visitorId, message);
  }

  banVisitor(input: BanInput): Promise<ActionResult> {
    return this.visitors.ban(input);
  }

  /** Posts a page of the site as a card and takes the visitor's page there. */
  sendPage(conversationId: string, url: string): Promise<ActionResult> {
    return this.visitors.sendPage(conversationId, url);
  }

  // ---- tickets ------------------------------------------------------------------------------

  /**
   * Calls `listener` with a ticket's id when one the agent may see changes, and with null on
   * every (re)connection, when anything may have changed unheard. Returns the unsubscribe.
   */
  onTicketsChanged(listener: (ticketId: string | null) => void): () => void {
    const socket = this.store.socket;
    const changed = (e: { ticketId: string }) => listener(e.ticketId);
    const reconnected = () => listener(null);
    socket.on('ticket:changed', changed);
    socket.on('connect', reconnected);
    return () => {
      socket.off('ticket:changed', changed);
      socket.off('connect', reconnected);
    };
  }

  // ---- direct chat --------------------------------------------------------------------------

  /** Shows the direct chat with a colleague (null goes back to the visitor chat). */
  openDirect(agentId: string | null): void {
    this.direct.openDirect(agentId);
  }

  sendDirect(toAgentId: string, body: string): void {
    this.direct.send(toAgentId, body);
  }

  retryDirect(clientId: string): void {
    this.direct.retry(clientId);
  }

  discardDirect(clientId: string): void {
    this.direct.discard(clientId);
  }
}
