import { isWaiting } from '../../domain/permissions.js';
import { newId } from '../../ids.js';
import type { DomainEvent } from '../../ports/bus.js';
import type { Deps } from '../deps.js';
import { setAgentStatus } from '../setAgentStatus.js';
import { getSettings } from '../settings.js';
import { publishConversationChanged } from '../snapshots.js';
import { siteHasAvailableAgent } from '../widgetConfig.js';
import { expireOffers, withdrawOffersOf } from './answerOffer.js';
import { purgeExpiredFiles } from '../files/purgeFiles.js';
import { purgeOldPageViews } from '../visitors.js';
import { routeWaitingChats } from './routeWaitingChats.js';

/**
 * Drives routing. Events (a new chat, a chat accepted or closed, an agent's status or
 * connection) ask for a pass; a timer does the time-driven work (offer timeouts, agents gone
 * past the grace period, chats that waited too long). Passes never overlap on one node; a
 * request during a pass causes one more pass after it.
 */
export class Router {
  private pass: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private lastUnservedCheck: number;
  /** Last purge of old page views; 0: due at the first tick. */
  private lastNavigationPurge = 0;
  private readonly goneSince = new Map<string, number>();
  private readonly siteAvailability = new Map<string, boolean>();

  constructor(
    private readonly deps: Deps,
    private readonly tickMs = 1000,
  ) {
    this.lastUnservedCheck = deps.clock.now();
  }

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

  /** Time-driven work, then a pass. Tests call it after moving the clock. */
  async tick(): Promise<void> {
    try {
      await expireOffers(this.deps);
      await this.sendAwayTheGone();
      await this.announceUnserved();
      await purgeExpiredFiles(this.deps);
      // Old navigation goes hourly: it is history, not work anyone waits on.
      const now = this.deps.clock.now();
      if (now - this.lastNavigationPurge >= 3_600_000) {
        this.lastNavigationPurge = now;
        await purgeOldPageViews(this.deps);
      }
    } catch (err) {
      this.deps.log.error({ err }, 'routing tick failed');
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
        this.deps.log.error({ err }, 'routing pass failed');
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
        if (e.connected) {
          this.goneSince.delete(e.agentId);
          void this.kick();
        } else {
          this.goneSince.set(e.agentId, this.deps.clock.now());
          void withdrawOffersOf(this.deps, [e.agentId]).then(() => this.kick());
        }
        return;
      default:
        return;
    }
  }

  /** Agents whose every connection has been gone past the grace period are Offline. */
  private async sendAwayTheGone(): Promise<void> {
    if (this.goneSince.size === 0) return;
    const { offlineGraceSeconds } = await getSettings(this.deps);
    const connected = new Set(await this.deps.presence.connectedAgentIds());
    const now = this.deps.clock.now();
    for (const [agentId, since] of this.goneSince) {
      if (connected.has(agentId)) {
        this.goneSince.delete(agentId);
        continue;
      }
      if (now - since < offlineGraceSeconds * 1000) continue;
      this.goneSince.delete(agentId);
      const agent = await this.deps.db
        .selectFrom('agents')
        .selectAll()
        .where('id', '=', agentId)
        .executeTakeFirst();
      if (agent && agent.status !== 'offline') await setAgentStatus(this.deps, agent, 'offline');
    }
  }

  /** Chats that crossed the longest acceptable wait: the visitor is offered the message form. */
  private async announceUnserved(): Promise<void> {
    const { maxWaitSeconds } = await getSettings(this.deps);
    const now = this.deps.clock.now();
    const limit = maxWaitSeconds * 1000;
    const crossed = await this.deps.db
      .selectFrom('conversations')
      .select(['id', 'status'])
      .where('status', 'in', ['queued', 'offered'])
      .where('queued_at', '>', this.lastUnservedCheck - limit)
      .where('queued_at', '<=', now - limit)
      .execute();
    this.lastUnservedCheck = now;
    for (const c of crossed) {
      await this.deps.db
        .insertInto('routing_events')
        .values({
          id: newId(now),
          conversation_id: c.id,
          kind: 'unserved',
          agent_id: null,
          actor_id: null,
          at: now,
        })
        .execute();
      await publishConversationChanged(this.deps, c.id, { status: c.status, assigneeId: null });
    }
  }

  /** Everyone behind a chat that left the line moved up: tell them their new place. */
  private async refreshQueue(departmentId: string | null): Promise<void> {
    try {
      let q = this.deps.db
        .selectFrom('conversations')
        .select(['id', 'status'])
        .where('status', 'in', ['queued', 'offered']);
      q =
        departmentId === null
          ? q.where('department_id', 'is', null)
          : q.where('department_id', '=', departmentId);
      for (const c of await q.orderBy('queued_at').limit(200).execute()) {
        await publishConversationChanged(this.deps, c.id, { status: c.status, assigneeId: null });
      }
    } catch (err) {
      this.deps.log.warn({ err }, 'queue refresh failed');
    }
  }

  /** Tells each site's widgets when answering becomes possible or impossible. */
  private async refreshAvailability(): Promise<void> {
    const sites = await this.deps.db.selectFrom('sites').select('id').execute();
    for (const { id } of sites) {
      const available = await siteHasAvailableAgent(this.deps, id);
      if (this.siteAvailability.get(id) === available) continue;
      this.siteAvailability.set(id, available);
      this.deps.bus.publish({ type: 'site.availability', siteId: id, available });
    }
  }
}
