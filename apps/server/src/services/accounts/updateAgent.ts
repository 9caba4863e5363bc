import { AppError } from '../../errors.js';
import { agentExists, findAgent, updateAgentProfile } from '../../storage/agents.js';
import type { AgentRow } from '../../storage/schema.js';
import { deactivateAgent, reactivateAgent } from './deactivation.js';
import { assignSites, resolveSiteIds } from '../access.js';
import { releaseChatsOutOfScope } from '../routing/releaseOutOfScope.js';
import type { Deps } from '../deps.js';

export interface AgentChanges {
  name?: string | undefined;
  role?: AgentRow['role'] | undefined;
  maxChats?: number | null | undefined;
  deactivated?: boolean | undefined;
  /** Replaces the sites the agent works on. */
  siteIds?: string[] | undefined;
}

/**
 * Admins change an agent's name, role, sites or chat maximum (null returns them to the
 * default), and deactivate or reactivate them. Every change reaches the agent's open sockets
 * at once, on every node (gateway/accessRooms.ts: rooms of sites they lost are left, a role
 * that no longer sees every chat leaves the supervisors' rooms; deactivation closes them).
 */
export async function updateAgent(
  deps: Deps,
  actor: AgentRow,
  agentId: string,
  changes: AgentChanges,
): Promise<AgentRow> {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins can change agents.');
  if (agentId === actor.id && changes.role && changes.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'You cannot remove your own admin role.');
  }
  if (agentId === actor.id && changes.deactivated === true) {
    throw new AppError('FORBIDDEN', 'You cannot deactivate yourself.');
  }
  if (!(await agentExists(deps.store, agentId))) throw new AppError('NOT_FOUND', 'No such agent.');
  const siteIds =
    changes.siteIds === undefined ? undefined : await resolveSiteIds(deps, changes.siteIds);
  const set: Partial<Pick<AgentRow, 'name' | 'role' | 'max_chats'>> = {};
  if (changes.name !== undefined) set.name = changes.name;
  if (changes.role !== undefined) set.role = changes.role;
  if (changes.maxChats !== undefined) set.max_chats = changes.maxChats;
  if (Object.keys(set).length > 0) await updateAgentProfile(deps.store, agentId, set);
  if (siteIds) await assignSites(deps, agentId, siteIds);
  if (changes.deactivated === true) await deactivateAgent(deps, agentId);
  if (changes.deactivated === false) await reactivateAgent(deps, agentId);
  // Chats of sites or departments the agent no longer sees go to someone who does.
  if (siteIds || changes.role !== undefined) await releaseChatsOutOfScope(deps, agentId);
  const agent = await findAgent(deps.store, agentId);
  if (!agent) throw new AppError('NOT_FOUND', 'No such agent.');
  deps.bus.publish({ type: 'agent.changed', agent });
  return agent;
}
