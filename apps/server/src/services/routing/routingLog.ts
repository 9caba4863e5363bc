import type { RoutingLogEntry } from '@parley/protocol';
import { canSeeConversation } from '../../domain/access.js';
import { isSupervisor } from '../../domain/actors.js';
import { AppError } from '../../errors.js';
import { findConversationState } from '../../storage/conversationWrites.js';
import { agentNames } from '../../storage/names.js';
import { offersOfChat } from '../../storage/offers.js';
import { routingEventsOfChat } from '../../storage/routing.js';
import type { AgentRow } from '../../storage/schema.js';
import { scopeOf } from '../access.js';
import type { Deps } from '../deps.js';

/** Who was offered a chat and what they did, plus assignments, transfers and invitations; oldest first. */
export async function routingLog(
  deps: Deps,
  reader: AgentRow,
  conversationId: string,
): Promise<RoutingLogEntry[]> {
  const conv = await findConversationState(deps.store, conversationId);
  const visible = conv && canSeeConversation(await scopeOf(deps, reader), conv);
  if (!conv || !visible || !(isSupervisor(reader) || conv.assignee_id === reader.id))
    throw new AppError('NOT_FOUND', 'Conversation not found.');
  const [offers, events, agents] = await Promise.all([
    offersOfChat(deps.store, conversationId),
    routingEventsOfChat(deps.store, conversationId),
    agentNames(deps.store),
  ]);
  const who = (id: string | null) => {
    const a = id ? agents.find((x) => x.id === id) : undefined;
    return a ? { id: a.id, name: a.name } : null;
  };
  const entries: Array<{ at: number; entry: RoutingLogEntry }> = [];
  for (const o of offers) {
    entries.push({
      at: o.offered_at,
      entry: {
        at: new Date(o.offered_at).toISOString(),
        kind: 'offered',
        agent: who(o.agent_id),
        actor: null,
      },
    });
    if (o.status !== 'pending' && o.answered_at !== null) {
      entries.push({
        at: o.answered_at,
        entry: {
          at: new Date(o.answered_at).toISOString(),
          kind: o.status,
          agent: who(o.agent_id),
          actor: null,
        },
      });
    }
  }
  for (const e of events) {
    entries.push({
      at: e.at,
      entry: {
        at: new Date(e.at).toISOString(),
        kind: e.kind === 'queued' ? 'offered' : e.kind,
        agent: who(e.agent_id),
        actor: who(e.actor_id),
        // Renamed, tagged, untagged: the title or the tag's name as it was then.
        ...(e.detail !== null ? { detail: e.detail } : {}),
      },
    });
  }
  return entries.sort((a, b) => a.at - b.at).map((e) => e.entry);
}
