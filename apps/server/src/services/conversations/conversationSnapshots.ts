import type { QueueInfo } from '@parley/protocol';
import { canSeeConversation } from '../../domain/access.js';
import { estimateWaitSeconds } from '../../domain/distribution.js';
import { isWaiting } from '../../domain/permissions.js';
import {
  countWaitingAhead,
  findConversationView,
  recentWaits,
  withDetails,
  type ConversationSnapshot,
  type ConversationView,
} from '../../storage/conversations.js';
import type { ConversationRow } from '../../storage/schema.js';
import type { Deps } from '../deps.js';
import { agentCapacities, isAvailable } from '../routing/capacity.js';
import { getSettings } from '../settings/settings.js';

/** Views with offers, participants and presence; `withQueue` adds the place in line (visitor reads). */
export async function snapshots(
  deps: Deps,
  views: ConversationView[],
  opts: { withQueue?: boolean } = {},
): Promise<ConversationSnapshot[]> {
  const online = await deps.presence.onlineVisitors(views.map((v) => v.visitor_id));
  const details = await withDetails(deps.store, views, online);
  if (!opts.withQueue) return details;
  return Promise.all(details.map(async (d) => ({ ...d, queue: await queueInfo(deps, d) })));
}

export async function snapshotOf(
  deps: Deps,
  id: string,
  opts: { withQueue?: boolean } = {},
): Promise<ConversationSnapshot | undefined> {
  const view = await findConversationView(deps.store, id);
  return view ? (await snapshots(deps, [view], opts))[0] : undefined;
}

/** Place in line and estimated wait for a waiting chat; null once an agent has it. */
export async function queueInfo(deps: Deps, v: ConversationView): Promise<QueueInfo | null> {
  if (!isWaiting(v)) return null;
  const [ahead, waits, capacities, settings] = await Promise.all([
    countWaitingAhead(deps.store, v),
    recentWaits(deps.store, v.department_id),
    agentCapacities(deps),
    getSettings(deps),
  ]);
  const withRoom = capacities.filter(
    (c) => isAvailable(c) && c.load < c.maxChats && canSeeConversation(c.access, v),
  ).length;
  const position = ahead + 1;
  return {
    position,
    etaSeconds: estimateWaitSeconds(position, waits, withRoom),
    unserved: deps.clock.now() - v.queued_at >= settings.maxWaitSeconds * 1000,
  };
}

/** Publishes the conversation as it is now, after the commit that changed it. */
export async function publishConversationChanged(
  deps: Deps,
  id: string,
  previous: { status: ConversationRow['status'] | null; assigneeId: string | null },
): Promise<ConversationSnapshot> {
  const snapshot = await snapshotOf(deps, id, { withQueue: true });
  if (!snapshot) throw new Error(`conversation ${id} vanished`);
  deps.bus.publish({
    type: 'conversation.changed',
    conversation: snapshot,
    previousStatus: previous.status,
    previousAssigneeId: previous.assigneeId,
  });
  return snapshot;
}
