import type { BanInput, LiveVisitor, ProactiveInvitation } from '@parley/protocol';
import { visitorLabel } from '../conversations/selectors';
import { newClientId } from '@parley/protocol/contract';
import type { Features } from '../core/features';
import { without, type ConsoleState } from '../core/state';
import { refused, type ActionResult, type Store } from '../core/store';
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
} from './visitors';

/** How often visitors who left are swept off the live list. */
const VISITOR_PRUNE_MS = 15_000;
/** A sent page card normally comes back as message:new; after this long it is fetched. */
const CARD_ECHO_MS = 1_500;

/**
 * Visitors on the sites: the live list (Visitors page), one visitor's details while watched,
 * and what agents do to them (proactive invitations, bans, sending them to a page).
 */
export class VisitorControl {
  /** Components showing the live visitor list (the Visitors page). */
  private listWatchers = 0;
  private pruneTimer: ReturnType<typeof setInterval> | null = null;
  /**
   * visitors:list and visitors:unsubscribe go out one after another: an unsubscribe overtaking
   * a list (or the reverse) would leave the page without updates, or the socket subscribed.
   */
  private queue: Promise<unknown> = Promise.resolve();
  /** Visitors whose details something on screen shows, with how many things show them. */
  private readonly watched = new Map<string, number>();
  /** A page card's clientId, reused when the same page is sent again after a failure. */
  private readonly cardClientIds = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly f: Features,
  ) {}

  dispose(): void {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
  }

  /**
   * Keeps the visitor list live while something shows it (the Visitors page): subscribes on the
   * first watcher, unsubscribes and forgets the list after the last one leaves.
   */
  watchList(): () => void {
    const s = this.store;
    this.listWatchers += 1;
    if (this.listWatchers === 1) {
      this.set({ ...s.state.visitors, live: true, loaded: false, error: null });
      void this.serial(() => this.list());
      this.pruneTimer = setInterval(
        () => this.set(pruneLeft(s.state.visitors, Date.now())),
        VISITOR_PRUNE_MS,
      );
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.listWatchers -= 1;
      if (this.listWatchers > 0) return;
      if (this.pruneTimer) clearInterval(this.pruneTimer);
      this.pruneTimer = null;
      // Nothing keeps the list current once unsubscribed; only the count stays, for the badge.
      this.set({ ...initialVisitors(), count: s.state.visitors.count });
      void this.serial(async () => {
        if (s.connected && !s.state.visitors.live) {
          await s.request('visitors:unsubscribe', {});
        }
      });
    };
  }

  /** Reads the live list again (after it failed to load). */
  reloadList(): void {
    if (this.store.state.visitors.live) void this.serial(() => this.list());
  }

  /** Reads one visitor's details and keeps them live while watched (chat panel, drawer). */
  watch(visitorId: string): () => void {
    const s = this.store;
    const watchers = this.watched.get(visitorId) ?? 0;
    this.watched.set(visitorId, watchers + 1);
    if (watchers === 0) void this.load(visitorId);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.watched.get(visitorId) ?? 1) - 1;
      if (left > 0) {
        this.watched.set(visitorId, left);
        return;
      }
      this.watched.delete(visitorId);
      s.update({
        ...s.state,
        visitorDetails: without(s.state.visitorDetails, visitorId),
        visitorDetailsError: without(s.state.visitorDetailsError, visitorId),
      });
      if (s.connected) void s.request('visitor:unwatch', { visitorId });
    };
  }

  /** Reads a watched visitor again (their history changed when a chat closed, say). */
  refresh(visitorId: string): void {
    if (this.watched.has(visitorId)) void this.load(visitorId);
  }

  /** A new socket has no visitor subscriptions: take them up again. */
  resubscribe(): void {
    if (this.store.state.visitors.live) void this.serial(() => this.list());
    for (const visitorId of this.watched.keys()) void this.load(visitorId);
  }

  /** A proactive invitation: the visitor's widget opens with the message (Online agents only). */
  async invite(visitorId: string, message: string): Promise<ActionResult> {
    const s = this.store;
    const result = await s.request('visitor:invite', { visitorId, message });
    if (!result.ok) return refused(result.error);
    s.update(withProactive(s.state, result.data.invitation));
    return { ok: true };
  }

  async ban(input: BanInput): Promise<ActionResult> {
    const result = await this.store.request('visitor:ban', input);
    if (!result.ok) return refused(result.error);
    return { ok: true };
  }

  /**
   * Posts a page of the site as a card and takes the visitor's page there. A retry of the same
   * page after a failure reuses its clientId, so a lost acknowledgement cannot post it twice.
   */
  async sendPage(conversationId: string, url: string): Promise<ActionResult> {
    const s = this.store;
    const key = `${conversationId}\n${url}`;
    const clientId = this.cardClientIds.get(key) ?? newClientId();
    this.cardClientIds.set(key, clientId);
    const result = await s.request('conversation:sendPage', { conversationId, clientId, url });
    if (!result.ok) return refused(result.error);
    this.cardClientIds.delete(key);
    // The card (with the title and image the server read from the page) arrives as message:new;
    // should this socket miss it, fetch what came after what we hold.
    const seq = result.data.seq;
    setTimeout(() => {
      if (s.stopped || !s.connected) return;
      const held = s.state.syncedSeq[conversationId] ?? 0;
      if (held < seq) void this.f.connection.sync([{ id: conversationId, afterSeq: held }]);
    }, CARD_ECHO_MS);
    return { ok: true };
  }

  /** The navigation badge; while the Visitors page lists them, the list counts instead. */
  onCount(online: number): void {
    const { visitors } = this.store.state;
    if (!visitors.live && online !== visitors.count) this.set({ ...visitors, count: online });
  }

  onVisitorUpdated(v: LiveVisitor): void {
    let next = this.store.state;
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
    this.store.update(next);
  }

  onProactive(inv: ProactiveInvitation): void {
    const s = this.store;
    const before = s.state.proactive[inv.id];
    s.update(withProactive(s.state, inv));
    if (before?.status === inv.status || inv.agent.id !== s.state.me.id) return;
    // An accepted invitation is announced when its chat arrives (applyConversations).
    if (inv.status === 'declined') {
      const text = proactiveOutcome(inv.status, this.visitorName(inv.visitorId));
      if (text) s.notify(text, 'info');
    }
  }

  private set(visitors: VisitorsState): void {
    const s = this.store;
    if (visitors !== s.state.visitors) s.update({ ...s.state, visitors });
  }

  private serial(op: () => Promise<void>): Promise<void> {
    const run = this.queue.then(op, op);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async list(): Promise<void> {
    const s = this.store;
    if (!s.state.visitors.live || !s.connected) return;
    const result = await s.request('visitors:list', {});
    if (!s.state.visitors.live) return; // the page closed meanwhile; its release unsubscribes
    if (!result.ok) {
      this.set({ ...s.state.visitors, error: result.error.message });
      return;
    }
    this.set(receiveVisitorList(s.state.visitors, result.data.visitors, Date.now()));
  }

  private async load(visitorId: string): Promise<void> {
    const s = this.store;
    const result = await s.request('visitor:get', { visitorId });
    if (!this.watched.has(visitorId)) {
      // Nobody looks any more: undo the subscription the read implied.
      if (result.ok && s.connected) void s.request('visitor:unwatch', { visitorId });
      return;
    }
    if (!result.ok) {
      s.update({
        ...s.state,
        visitorDetailsError: { ...s.state.visitorDetailsError, [visitorId]: result.error.message },
      });
      return;
    }
    s.update({
      ...s.state,
      visitorDetails: { ...s.state.visitorDetails, [visitorId]: result.data.visitor },
      visitorDetailsError: without(s.state.visitorDetailsError, visitorId),
    });
  }

  /** The best name we hold for a visitor: listed, watched, or from one of their chats. */
  private visitorName(visitorId: string): string {
    const { state } = this.store;
    const v = state.visitors.byId[visitorId] ?? state.visitorDetails[visitorId];
    if (v) return v.name?.trim() || v.code;
    const c = Object.values(state.conversations).find((x) => x.visitor.id === visitorId);
    return c ? visitorLabel(c) : 'The visitor';
  }
}

function withProactive(state: ConsoleState, inv: ProactiveInvitation): ConsoleState {
  const visitors =
    inv.status === 'pending'
      ? markInvited(state.visitors, inv)
      : clearInvitation(state.visitors, inv);
  return { ...state, visitors, proactive: { ...state.proactive, [inv.id]: inv } };
}
