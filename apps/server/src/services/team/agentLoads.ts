import type { AccessScope } from '../../domain/access.js';
import type { AgentLike } from '../../domain/actors.js';
import { scopeOf } from '../access.js';
import type { Deps } from '../deps.js';
import { agentCapacities, type AgentCapacity } from '../routing/capacity.js';

/**
 * Every agent with status, live connection and chats against their maximum: the supervisor's
 * view, of the agents who share one of the supervisor's sites (admins see everyone).
 */
export async function agentLoads(
  deps: Deps,
  viewer: AgentLike & { access?: AccessScope },
): Promise<AgentCapacity[]> {
  const [scope, capacities] = await Promise.all([scopeOf(deps, viewer), agentCapacities(deps)]);
  if (scope.kind === 'all') return capacities;
  const sites = new Set(scope.siteIds);
  return capacities.filter((c) => c.agent.id === viewer.id || c.siteIds.some((s) => sites.has(s)));
}
