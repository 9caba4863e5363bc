import type { Store } from './store.js';

/** Agents' names, for lines that say who did what; with `ids`, of those agents only. */
export function agentNames(
  db: Store,
  ids?: readonly string[],
): Promise<Array<{ id: string; name: string }>> {
  let q = db.selectFrom('agents').select(['id', 'name']);
  if (ids) q = q.where('id', 'in', ids);
  return q.execute();
}

/** Visitors' codes and names, for lists that name them. */
export function visitorNames(
  db: Store,
  ids: readonly string[],
): Promise<Array<{ id: string; code: string; name: string | null }>> {
  return db.selectFrom('visitors').select(['id', 'code', 'name']).where('id', 'in', ids).execute();
}
