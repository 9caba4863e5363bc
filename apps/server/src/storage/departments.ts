import type { DepartmentRow } from './schema.js';
import { inTransaction, type Store } from './store.js';

/** Departments by name. */
export function departmentsByName(db: Store): Promise<DepartmentRow[]> {
  return db.selectFrom('departments').selectAll().orderBy('name').execute();
}

/** Every agent-to-department link. */
export function allDepartmentMembers(
  db: Store,
): Promise<Array<{ department_id: string; agent_id: string }>> {
  return db.selectFrom('department_members').selectAll().execute();
}

/** The members of one department. */
export async function departmentMemberIds(db: Store, departmentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('department_members')
    .select('agent_id')
    .where('department_id', '=', departmentId)
    .execute();
  return rows.map((m) => m.agent_id);
}

/** How many of these ids name an agent. */
export async function countExistingAgents(db: Store, ids: readonly string[]): Promise<number> {
  const found = await db.selectFrom('agents').select('id').where('id', 'in', ids).execute();
  return found.length;
}

/** How many of these ids name a department. */
export async function countExistingDepartments(db: Store, ids: readonly string[]): Promise<number> {
  const found = await db.selectFrom('departments').select('id').where('id', 'in', ids).execute();
  return found.length;
}

export async function insertDepartment(db: Store, row: DepartmentRow): Promise<void> {
  await db.insertInto('departments').values(row).execute();
}

/** Renames the department and sets its distribution; false when there is no such department. */
export async function updateDepartmentRow(
  db: Store,
  id: string,
  fields: Pick<DepartmentRow, 'name' | 'distribution'>,
): Promise<boolean> {
  const updated = await db
    .updateTable('departments')
    .set(fields)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

export async function removeDepartmentMembers(db: Store, departmentId: string): Promise<void> {
  await db.deleteFrom('department_members').where('department_id', '=', departmentId).execute();
}

/** Adds these agents (each once) to the department. */
export async function addDepartmentMembers(
  db: Store,
  departmentId: string,
  agentIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(agentIds)];
  if (ids.length > 0)
    await db
      .insertInto('department_members')
      .values(ids.map((agent_id) => ({ department_id: departmentId, agent_id })))
      .execute();
}

/** Replaces, in one transaction, the departments a site routes to, in this order. */
export function replaceSiteDepartments(
  store: Store,
  siteId: string,
  departmentIds: readonly string[],
): Promise<void> {
  return inTransaction(store, async (tx) => {
    await tx.deleteFrom('site_departments').where('site_id', '=', siteId).execute();
    const ids = [...new Set(departmentIds)];
    if (ids.length > 0) {
      await tx
        .insertInto('site_departments')
        .values(
          ids.map((department_id, position) => ({ site_id: siteId, department_id, position })),
        )
        .execute();
    }
  });
}
