import { canSeeConversation } from '../../domain/access.js';
import { pickAgents, type Candidate } from '../../domain/distribution.js';
import { declinedBy } from '../../storage/offers.js';
import { departmentMethods, queuedChats } from '../../storage/routing.js';
import type { Distribution } from '../../storage/schema.js';
import type { Deps } from '../deps.js';
import { getSettings } from '../settings/settings.js';
import { publishConversationChanged } from '../conversations/conversationSnapshots.js';
import { agentCapacities, isAvailable, type AgentCapacity } from './capacity.js';
import { offerChat } from './offerChat.js';

/**
 * One routing pass: waiting chats in FIFO order (longest waiting first), each offered by its
 * department's method to available agents with room who work on its site and department. Each offer is decided in one transaction
 * (offerChat), so two nodes routing at once never offer a chat twice or fill an agent past
 * their maximum.
 * Returns how many chats were offered.
 */
export async function routeWaitingChats(deps: Deps): Promise<number> {
  const queued = await queuedChats(deps.store, 500);
  if (queued.length === 0) return 0;

  const capacities = (await agentCapacities(deps)).filter(isAvailable);
  if (capacities.length === 0) return 0;
  const settings = await getSettings(deps);
  const methods = await departmentMethods(deps.store);
  const declined = await declinedBy(
    deps.store,
    queued.map((q) => q.id),
  );

  let offered = 0;
  for (const chat of queued) {
    // Only agents of the chat's site and department; with none available it stays queued.
    const pool = capacities.filter((c) => canSeeConversation(c.access, chat));
    if (pool.length === 0) continue;
    // Someone who already turned this chat down is asked again only when nobody else can take it.
    const refusedBy = declined.get(chat.id) ?? new Set<string>();
    const fresh = pool.filter((c) => !refusedBy.has(c.agent.id));
    const method: Distribution =
      (chat.department_id && methods.get(chat.department_id)) || 'least_busy';
    let chosen = pickAgents(method, (fresh.length > 0 ? fresh : pool).map(toCandidate));
    if (chosen.length === 0 && fresh.length > 0 && fresh.length < pool.length) {
      chosen = pickAgents(method, pool.map(toCandidate));
    }
    if (chosen.length === 0) continue;

    const granted = await offerChat(deps, chat.id, chosen, settings.offerTimeoutSeconds);
    if (granted.length === 0) continue;
    const now = deps.clock.now();
    for (const id of granted) {
      const c = capacities.find((x) => x.agent.id === id)!;
      c.load += 1;
      c.agent = { ...c.agent, last_offered_at: now };
    }
    offered += 1;
    await publishConversationChanged(deps, chat.id, { status: 'queued', assigneeId: null });
  }
  return offered;
}

function toCandidate(c: AgentCapacity): Candidate {
  return {
    agentId: c.agent.id,
    load: c.load,
    maxChats: c.maxChats,
    lastOfferedAt: c.agent.last_offered_at,
  };
}
