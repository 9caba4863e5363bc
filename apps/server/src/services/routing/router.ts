import { insertRoutingEvent } from '../../storage/routingEvents.js';
import { agentsNotOffline, unannouncedLongWaits, waitingLine } from '../../storage/routing.js';
import { markSiteAvailability, siteAvailabilityFlags } from '../../storage/sites.js';
import { isWaiting } from '../../domain/permissions.js';
import { logLevelFor } from '../../errors.js';
import { newId } from '../../ids.js';
import type { DomainEvent } from '../../ports/bus.js';
import type { Deps } from '../deps.js';
import { setAgentStatus } from '../team/setAgentStatus.js';
import { getSettings } from '../settings/settings.js';
import { publishConversationChanged } from '../conversations/conversationSnapshots.js';
import { siteHasAvailableAgent } from '../sites/widgetConfig.js';
import { expireOffers, withdrawOffersOf } from './answerOffer.js';
import { requeueOrphanedOffers } from './requeueOrphans.js';
import { purgeExpiredFiles } from '../files/purgeFiles.js';
import { purgeExpiredTickets } from '../tickets/retention.js';
import { purgeOldPageViews, visitorLeft } from '../visitors/visitors.js';
import { visitorPresenceChanged } from '../visitors/visitorSessions.js';
import { soleNode, type Leadership } from '../../ports/leadership.js';
import { agentConnected, agentDisconnected } from './agentPresence.js';
import { routeWaitingChats } from './routeWaitingChats.js';

/**
 * Drives routing. Events (a new chat, a chat accepted or closed, an agent's status or
 * connection) ask for a pass, on whichever node they happen; a pass commits each decision in
 * one transaction, so passes on several nodes at once cannot offer a chat twice or overfill an
 * agent. Time-driven work (offer timeouts, agents gone past the grace period, chats that waited
 * too long, purges, nodes that died) runs on the leader only, and keeps its state in the
 * database, so a new leader carries on where the last one stopped. Passes never overlap on one
 * node; a request during a pass causes one more pass after it.
 */
export class Router {
  private pass: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  /** Last purge of old page views; 0: due at the first tick. */
  private lastNavigationPurge = 0;

  constructor(
    private readonly deps: Deps,
    private readonly tickMs = 1000,
    private readonly leadership: Leadership = soleNode,
  ) {}

  start(): void {
    this.unsubscribe = this.deps.bus.subscribe((e) => this.onEvent(e));
    if (this.tickMs > 0) {
      this.timer = setInterval(() => void this.tick(), this.tickMs);
      this.timer.unref();
    }
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.unsubscribe?.();
    this.again = false;
    await this.pass;
  }

  /** Requests a routing pass; resolves when the pass that covers this request is done. */
  kick(): Promise<void> {
    if (this.pass) {
      this.again = true;
      return this.pass;
    }
    this.pass = this.run().finally(() => {
      this.pass = null;
    });
    return this.pass;
  }

  /** Time-driven work (on the leader), then a pass. Tests call it after moving the clock. */
  async tick(): Promise<void> {
    if (this.leadership.isLeader()) {
      const steps: Array<[string, () => Promise<unknown>]> = [
        ['offer timeouts', () => expireOffers(this.deps)],
        ['dead nodes', () => this.reapDeadNodes()],
        ['offline grace', () => this.offlineAfterGrace()],
        ['orphaned offers', () => requeueOrphanedOffers(this.deps)],
        ['unserved chats', () => this.announceUnserved()],
        ['file retention', () => purgeExpiredFiles(this.deps)],
        ['navigation retention', () => this.purgeNavigation()],
        ['ticket retention', () => purgeExpiredTickets(this.deps)],
      ];
      // One failing step must not keep the others from running.
      for (const [name, step] of steps) {
        try {
          await step();
        } catch (err) {
          this.deps.log[logLevelFor(err, 'error')]({ err, step: name }, 'routing tick step failed');
        }
      }
    }
    await this.kick();
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      try {
        await routeWaitingChats(this.deps);
        await this.refreshAvailability();
      } catch (err) {
        this.deps.log[logLevelFor(err, 'error')]({ err }, 'routing pass failed');
      }
    } while (this.again);
  }

  private onEvent(e: DomainEvent): void {
    switch (e.type) {
      case 'conversation.changed': {
        const c = e.conversation;
        const left =
          e.previousStatus !== null && isWaiting({ status: e.previousStatus }) && !isWaiting(c);
        if (left) void this.refreshQueue(c.department_id);
        // New chats, chats back in the queue, and freed capacity all deserve a pass.
        if (e.previousStatus === null || c.status === 'queued' || c.status === 'closed' || left)
          void this.kick();
        return;
      }
      case 'agent.changed':
        if (e.agent.status !== 'online')
          void withdrawOffersOf(this.deps, [e.agent.id]).then(() => this.kick());
        else void this.kick();
        return;
      case 'settings.changed':
        void this.kick();
        return;
      case 'agent.presence':
        void this.kick();
        return;
      default:
        return;
    }
  }

  /** Old navigation goes hourly: it is history, not work anyone waits on. */
  private async purgeNavigation(): Promise<void> {
    const now = this.deps.clock.now();
    if (now - this.lastNavigationPurge < 3_600_000) return;
    this.lastNavigationPurge = now;
    await purgeOldPageViews(this.deps);
  }

  /** Connections of nodes that died: their agents and visitors are gone unless seen elsewhere. */
  private async reapDeadNodes(): Promise<void> {
    const gone = await this.deps.presence.reapDeadNodes();
    if (gone.agents.length > 0) {
      this.deps.log.info({ agents: gone.agents.length }, 'agents of a dead node are gone');
      await agentDisconnected(this.deps, gone.agents, this.deps.clock.now());
      for (const agentId of gone.agents)
        this.deps.bus.publish({ type: 'agent.presence', agentId, connected: false });
    }
    for (const visitorId of gone.visitors) {
      await visitorLeft(this.deps, visitorId);
      await visitorPresenceChanged(this.deps, visitorId);
    }
  }

  /**
   * Agents with no connection anywhere go Offline once offlineGraceSeconds have passed since
   * the last one closed: at exactly the grace period they are Offline, and an agent who is
   * connected again by then stays as they were. The same rule on every dialect and node.
   */
  private async offlineAfterGrace(): Promise<void> {
    // An answer that may be missing another node's connections must not send anyone away.
    if (!this.deps.presence.reliable()) return;
    const present = await agentsNotOffline(this.deps.store);
    if (present.length === 0) return;
    const connected = new Set(await this.deps.presence.connectedAgentIds());
    const { offlineGraceSeconds } = await getSettings(this.deps);
    const now = this.deps.clock.now();
    const unnoticed: string[] = [];
    for (const agent of present) {
      if (connected.has(agent.id)) {
        if (agent.disconnected_at !== null) await agentConnected(this.deps, agent.id);
      } else if (agent.disconnected_at === null) {
        // Gone without a disconnect this cluster heard of (its node died, or a restart).
        unnoticed.push(agent.id);
      } else if (now - agent.disconnected_at >= offlineGraceSeconds * 1000) {
        await setAgentStatus(this.deps, agent, 'offline');
      }
    }
    await agentDisconnected(this.deps, unnoticed, now);
  }

  /**
   * Chats that crossed the longest acceptable wait: the visitor is offered the message form.
   * The routing log remembers which chats were announced, so a new leader does not repeat one.
   */
  private async announceUnserved(): Promise<void> {
    const { maxWaitSeconds } = await getSettings(this.deps);
    const now = this.deps.clock.now();
    const crossed = await unannouncedLongWaits(this.deps.store, now - maxWaitSeconds * 1000, 500);
    for (const c of crossed) {
      await insertRoutingEvent(this.deps.store, {
        id: newId(now),
        conversationId: c.id,
        kind: 'unserved',
        agentId: null,
        actorId: null,
        at: now,
      });
      await publishConversationChanged(this.deps, c.id, { status: c.status, assigneeId: null });
    }
  }

  /** Everyone behind a chat that left the line moved up: tell them their new place. */
  private async refreshQueue(departmentId: string | null): Promise<void> {
    try {
      for (const c of await waitingLine(this.deps.store, departmentId, 200)) {
        await publishConversationChanged(this.deps, c.id, { status: c.status, assigneeId: null });
      }
    } catch (err) {
      this.deps.log[logLevelFor(err, 'warn')]({ err }, 'queue refresh failed');
    }
  }

  /**
   * Tells each site's widgets when answering becomes possible or impossible. What they were
   * last told is kept on the site row; only the node whose update changes it announces.
   */
  private async refreshAvailability(): Promise<void> {
    const sites = await siteAvailabilityFlags(this.deps.store);
    for (const site of sites) {
      const available = (await siteHasAvailableAgent(this.deps, site.id)) ? 1 : 0;
      if (site.agents_available === available) continue;
      if (!(await markSiteAvailability(this.deps.store, site.id, available))) continue;
      this.deps.bus.publish({
        type: 'site.availability',
        siteId: site.id,
        available: available === 1,
      });
    }
  }
}
