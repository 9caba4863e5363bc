import { accessScope, type AccessScope } from '../../domain/access.js';
import { agentColumns, type AgentRow } from '../../storage/schema.js';
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
  const [agents, connected, active, offers, memberships, settings, sites] = await Promise.all([
    deps.store
      .selectFrom('agents')
      .select(agentColumns)
      .where('disabled_at', 'is', null)
      .orderBy('name')
      .execute(),
    deps.presence.connectedAgentIds(),
    deps.store
      .selectFrom('conversations')
      .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'active')
      .where('assignee_id', 'is not', null)
      .groupBy('assignee_id')
      .execute(),
    deps.store
      .selectFrom('offers')
      .select(['agent_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'pending')
      .groupBy('agent_id')
      .execute(),
    deps.store.selectFrom('department_members').selectAll().execute(),
    getSettings(deps),
    deps.store.selectFrom('agent_sites').selectAll().execute(),
  ]);
  const online = new Set(connected);
  const activeBy = new Map(active.map((r) => [r.assignee_id!, Number(r.n)]));
  const offersBy = new Map(offers.map((r) => [r.agent_id, Number(r.n)]));
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
