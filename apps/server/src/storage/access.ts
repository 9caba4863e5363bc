import { sql, type Expression, type SqlBool } from 'kysely';
import type { AccessScope, Memberships } from '../domain/access.js';
import type { Store } from './store.js';

type Db = Store;

/** The sites and departments one agent belongs to. */
export async function membershipsOf(db: Db, agentId: string): Promise<Memberships> {
  const [sites, departments] = await Promise.all([
    db.selectFrom('agent_sites').select('site_id').where('agent_id', '=', agentId).execute(),
    db
      .selectFrom('department_members')
      .select('department_id')
      .where('agent_id', '=', agentId)
      .execute(),
  ]);
  return {
    siteIds: sites.map((s) => s.site_id),
    departmentIds: departments.map((d) => d.department_id),
  };
}

/** Site ids per agent, for lists of agents. */
export async function siteIdsByAgent(db: Db, agentIds?: string[]): Promise<Map<string, string[]>> {
  let q = db.selectFrom('agent_sites').select(['agent_id', 'site_id']).orderBy('site_id');
  if (agentIds) {
    if (agentIds.length === 0) return new Map();
    q = q.where('agent_id', 'in', agentIds);
  }
  const out = new Map<string, string[]>();
  for (const r of await q.execute()) {
    const list = out.get(r.agent_id) ?? [];
    list.push(r.site_id);
    out.set(r.agent_id, list);
  }
  return out;
}

/** Replaces an agent's sites. */
export async function replaceAgentSites(db: Db, agentId: string, siteIds: string[]): Promise<void> {
  await db.deleteFrom('agent_sites').where('agent_id', '=', agentId).execute();
  const ids = [...new Set(siteIds)];
  if (ids.length > 0)
    await db
      .insertInto('agent_sites')
      .values(ids.map((site_id) => ({ agent_id: agentId, site_id })))
      .execute();
}

const always = sql<SqlBool>`1 = 1`;
const never = sql<SqlBool>`1 = 0`;
const inList = (column: string, ids: readonly string[]) =>
  sql<SqlBool>`${sql.ref(column)} in (${sql.join([...ids])})`;

/**
 * The access rule of domain/access.ts (canSeeConversation) as a WHERE condition on the
 * conversations table under `alias`: list queries filter in the database, never after.
 */
export function conversationVisible(scope: AccessScope, alias: string): Expression<SqlBool> {
  if (scope.kind === 'all') return always;
  if (scope.siteIds.length === 0) return never;
  const onSite = inList(`${alias}.site_id`, scope.siteIds);
  if (scope.departmentIds === null) return onSite;
  const dept = sql.ref(`${alias}.department_id`);
  const inDepartment =
    scope.departmentIds.length > 0
      ? sql<SqlBool>`(${dept} is null or ${inList(`${alias}.department_id`, scope.departmentIds)})`
      : sql<SqlBool>`${dept} is null`;
  return sql<SqlBool>`(${onSite} and ${inDepartment})`;
}

/** The same rule for rows that belong to a site only (visitors, tickets): `column` is their site. */
export function siteVisible(scope: AccessScope, column: string): Expression<SqlBool> {
  if (scope.kind === 'all') return always;
  if (scope.siteIds.length === 0) return never;
  return inList(column, scope.siteIds);
}
