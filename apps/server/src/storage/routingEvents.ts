import type { RoutingEventKind } from './schema.js';
import type { Store } from './store.js';

export interface RoutingEvent {
  id: string;
  conversationId: string;
  kind: RoutingEventKind;
  /** Who the chat went to (or left with); null for events of no one agent. */
  agentId: string | null;
  /** Who did it; null when the system did. */
  actorId: string | null;
  /** What changed, for events that say (a new title, a tag's name). */
  detail?: string | null;
  at: number;
}

/** A line of the chat's routing log: who was offered, took, passed on or left it. */
export async function insertRoutingEvent(db: Store, e: RoutingEvent): Promise<void> {
  await db
    .insertInto('routing_events')
    .values({
      id: e.id,
      conversation_id: e.conversationId,
      kind: e.kind,
      agent_id: e.agentId,
      actor_id: e.actorId,
      ...(e.detail !== undefined ? { detail: e.detail } : {}),
      at: e.at,
    })
    .execute();
}
