import type { Deps } from '../deps.js';
import { agentCapacities, type AgentCapacity } from '../routing/capacity.js';

/** Every agent with status, live connection and chats against their maximum: the supervisor's view. */
export function agentLoads(deps: Deps): Promise<AgentCapacity[]> {
  return agentCapacities(deps);
}
