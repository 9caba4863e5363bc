import { accessScope, type AccessScope } from '../domain/access.js';
import type { AgentLike } from '../domain/actors.js';
import { AppError } from '../errors.js';
import { membershipsOf, replaceAgentSites, siteIdsByAgent } from '../storage/access.js';
import { findAgent } from '../storage/agents.js';
import type { AgentRow } from '../storage/schema.js';
import { liveSiteIds } from '../storage/sites.js';
import { inTransaction } from '../storage/store.js';
import type { Deps } from './deps.js';

/** An agent together with what they may see; sockets keep one, requests compute one. */
export type ScopedAgent = AgentRow & { access: AccessScope };

/** The agent's access scope: the one their socket holds, else read from their memberships. */
export async function scopeOf(
  deps: Pick<Deps, 'store'>,
  agent: AgentLike & { access?: AccessScope },
): Promise<AccessScope> {
  if (agent.access) return agent.access;
  if (agent.role === 'admin') return { kind: 'all' };
  return accessScope(agent.role, await membershipsOf(deps.store, agent.id));
}

export async function withAccess<A extends AgentLike & { access?: AccessScope }>(
  deps: Pick<Deps, 'store'>,
  agent: A,
): Promise<A & { access: AccessScope }> {
  return { ...agent, access: await scopeOf(deps, agent) };
}

/** An agent by id with their scope read fresh (null when there is no such agent). */
export async function loadScopedAgent(
  deps: Pick<Deps, 'store'>,
  agentId: string,
): Promise<ScopedAgent | null> {
  const row = await findAgent(deps.store, agentId);
  return row ? withAccess(deps, row) : null;
}

/** A record as events carry it, without a scope someone computed earlier. */
export function withoutScope(agent: AgentRow & { access?: AccessScope }): AgentRow {
  const { access: _stale, ...row } = agent;
  return row;
}

/**
 * The sites an agent is to work on: these (each must be a current site, else
 * VALIDATION_FAILED naming the field), or every current site when left out.
 */
export async function resolveSiteIds(
  deps: Pick<Deps, 'store'>,
  siteIds: readonly string[] | undefined,
): Promise<string[]> {
  const known = new Set(await liveSiteIds(deps.store));
  const ids = siteIds ? [...new Set(siteIds)] : [...known];
  if (ids.some((id) => !known.has(id)))
    throw new AppError('VALIDATION_FAILED', 'Unknown site.', { siteIds: 'unknown site' });
  return ids.sort();
}

/** Replaces the sites an agent works on with `siteIds` (already resolved). */
export async function assignSites(
  deps: Pick<Deps, 'store'>,
  agentId: string,
  siteIds: string[],
): Promise<void> {
  await inTransaction(deps.store, (tx) => replaceAgentSites(tx, agentId, siteIds));
}

/** The sites each of these agents works on. */
export function sitesOfAgents(
  deps: Pick<Deps, 'store'>,
  agentIds?: string[],
): Promise<Map<string, string[]>> {
  return siteIdsByAgent(deps.store, agentIds);
}
