import { siteIdsByAgent } from '../../storage/access.js';
import { countVisitorsBySite, nonAdminAgentIds } from '../../storage/visitors.js';
import type { Deps } from '../deps.js';

/** How many visitors are online on each site. */
export async function onlineVisitorsBySite(deps: Deps): Promise<Map<string, number>> {
  const ids = await deps.presence.onlineVisitorIds();
  const bySite = new Map<string, number>();
  // In slices: a list of thousands of ids stays under every driver's parameter limit.
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await countVisitorsBySite(deps.store, ids.slice(i, i + 500));
    for (const r of rows) bySite.set(r.site_id, (bySite.get(r.site_id) ?? 0) + r.n);
  }
  return bySite;
}

/** The Visitors badge of an agent working on `siteIds`: the online visitors of those sites. */
export function countFor(bySite: ReadonlyMap<string, number>, siteIds: readonly string[] | null) {
  if (siteIds === null) return [...bySite.values()].reduce((a, b) => a + b, 0);
  return siteIds.reduce((sum, s) => sum + (bySite.get(s) ?? 0), 0);
}

/**
 * Every distinct set of sites the team's non-admin agents work on (each set shares one badge
 * count), plus null for admins, who count every site.
 */
export async function visitorCountAudiences(deps: Deps): Promise<Array<string[] | null>> {
  const agents = await nonAdminAgentIds(deps.store);
  const sites = await siteIdsByAgent(deps.store, agents);
  const sets = new Map<string, string[]>();
  for (const id of agents) {
    const ids = [...(sites.get(id) ?? [])].sort();
    sets.set(ids.join(','), ids);
  }
  return [null, ...sets.values()];
}
