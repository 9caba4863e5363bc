import { accessScope, type AccessScope } from '../../domain/access.js';
import { agentsByName } from '../../storage/agents.js';
import { allDepartmentMembers } from '../../storage/departments.js';
import { pendingOfferCounts } from '../../storage/offers.js';
import { activeChatCounts, agentSiteLinks } from '../../storage/routing.js';
import type { AgentRow } from '../../storage/schema.js';
import type { Deps } from '../deps.js';
import { getSettings } from '../settings/settings.js';

export interface AgentCapacity {
  agent: AgentRow;
  connected: boolean;
  /** Active chats owned plus pending offers: what routing counts against the maximum. */
  load: number;
  activeChats: number;
  maxChats: number;
  departmentIds: string[];
  siteIds: string[];
  /** What the agent may see, and so be offered (domain/access.ts). */
  access: AccessScope;
}

/** Every enabled agent with their live connection, load, capacity and access, in a few queries. */
export async function agentCapacities(deps: Deps): Promise<AgentCapacity[]> {
  const [agents, connected, activeBy, offersBy, memberships, settings, sites] = await Promise.all([
    agentsByName(deps.store, { includeDeactivated: false }),
    deps.presence.connectedAgentIds(),
    activeChatCounts(deps.store),
    pendingOfferCounts(deps.store),
    allDepartmentMembers(deps.store),
    getSettings(deps),
    agentSiteLinks(deps.store),
  ]);
  const online = new Set(connected);
  return agents.map((agent) => {
    const activeChats = activeBy.get(agent.id) ?? 0;
    const departmentIds = memberships
      .filter((m) => m.agent_id === agent.id)
      .map((m) => m.department_id);
    const siteIds = sites.filter((m) => m.agent_id === agent.id).map((m) => m.site_id);
    return {
      agent,
      connected: online.has(agent.id),
      activeChats,
      load: activeChats + (offersBy.get(agent.id) ?? 0),
      maxChats: agent.max_chats ?? settings.maxChatsPerAgent,
      departmentIds,
      siteIds,
      access: accessScope(agent.role, { siteIds, departmentIds }),
    };
  });
}

/** Online and connected: the only agents who receive new chats. Away keeps its chats only. */
export function isAvailable(c: AgentCapacity): boolean {
  return c.connected && c.agent.status === 'online';
}
