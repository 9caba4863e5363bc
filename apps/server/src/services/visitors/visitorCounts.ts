import { siteIdsByAgent } from '../../storage/access.js';
import type { Deps } from '../deps.js';

/** How many visitors are online on each site. */
export async function onlineVisitorsBySite(deps: Deps): Promise<Map<string, number>> {
  const ids = await deps.presence.onlineVisitorIds();
  const bySite = new Map<string, number>();
  // In slices: a list of thousands of ids stays under every driver's parameter limit.
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await deps.store
      .selectFrom('visitors')
      .select(['site_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('id', 'in', ids.slice(i, i + 500))
      .groupBy('site_id')
      .execute();
    for (const r of rows) bySite.set(r.site_id, (bySite.get(r.site_id) ?? 0) + Number(r.n));
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
  const agents = await deps.store
    .selectFrom('agents')
    .select('id')
    .where('disabled_at', 'is', null)
    .where('role', '!=', 'admin')
    .execute();
  const sites = await siteIdsByAgent(
    deps.store,
    agents.map((a) => a.id),
  );
  const sets = new Map<string, string[]>();
  for (const a of agents) {
    const ids = [...(sites.get(a.id) ?? [])].sort();
    sets.set(ids.join(','), ids);
  }
  return [null, ...sets.values()];
}
