import type { DepartmentInput } from '@parley/protocol';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import type { DepartmentRow } from '../../storage/schema.js';
import type { Deps } from '../deps.js';
import { releaseChatsOutOfScope } from './releaseOutOfScope.js';

export interface DepartmentView extends DepartmentRow {
  member_ids: string[];
}

type Input = { name: string; distribution: DepartmentRow['distribution']; memberIds: string[] };

export async function listDepartments(deps: Deps): Promise<DepartmentView[]> {
  const [rows, members] = await Promise.all([
    deps.store.selectFrom('departments').selectAll().orderBy('name').execute(),
    deps.store.selectFrom('department_members').selectAll().execute(),
  ]);
  return rows.map((d) => ({
    ...d,
    member_ids: members.filter((m) => m.department_id === d.id).map((m) => m.agent_id),
  }));
}

async function checkAgents(deps: Deps, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await deps.store.selectFrom('agents').select('id').where('id', 'in', ids).execute();
  if (found.length !== new Set(ids).size)
    throw new AppError('VALIDATION_FAILED', 'Unknown agent in memberIds.', {
      memberIds: 'unknown agent',
    });
}

export async function createDepartment(deps: Deps, input: Input): Promise<DepartmentView> {
  await checkAgents(deps, input.memberIds);
  const now = deps.clock.now();
  const row: DepartmentRow = {
    id: newId(now),
    name: input.name,
    distribution: input.distribution,
    created_at: now,
  };
  await deps.store.transaction().execute(async (trx) => {
    await trx.insertInto('departments').values(row).execute();
    const ids = [...new Set(input.memberIds)];
    if (ids.length > 0)
      await trx
        .insertInto('department_members')
        .values(ids.map((agent_id) => ({ department_id: row.id, agent_id })))
        .execute();
  });
  deps.bus.publish({ type: 'access.changed', agentIds: [...new Set(input.memberIds)] });
  return (await listDepartments(deps)).find((d) => d.id === row.id)!;
}

export async function updateDepartment(
  deps: Deps,
  id: string,
  input: Input,
): Promise<DepartmentView> {
  await checkAgents(deps, input.memberIds);
  const before = await deps.store
    .selectFrom('department_members')
    .select('agent_id')
    .where('department_id', '=', id)
    .execute();
  await deps.store.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('departments')
      .set({ name: input.name, distribution: input.distribution })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0)
      throw new AppError('NOT_FOUND', 'Department not found.');
    await trx.deleteFrom('department_members').where('department_id', '=', id).execute();
    const ids = [...new Set(input.memberIds)];
    if (ids.length > 0)
      await trx
        .insertInto('department_members')
        .values(ids.map((agent_id) => ({ department_id: id, agent_id })))
        .execute();
  });
  // Who joined or left sees that department's chats, or stops seeing them, at once.
  const kept = new Set(input.memberIds);
  for (const m of before) if (!kept.has(m.agent_id)) await releaseChatsOutOfScope(deps, m.agent_id);
  const affected = new Set([...before.map((m) => m.agent_id), ...input.memberIds]);
  deps.bus.publish({ type: 'access.changed', agentIds: [...affected] });
  return (await listDepartments(deps)).find((d) => d.id === id)!;
}

/** Which departments a site's chats go to, in the order the pre-chat step lists them. */
/**
 * Which departments a site's chats route to, in order. The site and every department must
 * exist (NOT_FOUND, VALIDATION_FAILED naming the field).
 */
export async function setSiteDepartments(
  deps: Deps,
  siteId: string,
  departmentIds: string[],
): Promise<void> {
  const site = await deps.store
    .selectFrom('sites')
    .select('id')
    .where('id', '=', siteId)
    .executeTakeFirst();
  if (!site) throw new AppError('NOT_FOUND', 'Site not found.');
  const known = departmentIds.length
    ? await deps.store
        .selectFrom('departments')
        .select('id')
        .where('id', 'in', departmentIds)
        .execute()
    : [];
  if (known.length !== new Set(departmentIds).size) {
    throw new AppError('VALIDATION_FAILED', 'Unknown department.', {
      departmentIds: 'unknown department',
    });
  }
  await deps.store.transaction().execute(async (trx) => {
    await trx.deleteFrom('site_departments').where('site_id', '=', siteId).execute();
    const ids = [...new Set(departmentIds)];
    if (ids.length > 0) {
      await trx
        .insertInto('site_departments')
        .values(
          ids.map((department_id, position) => ({ site_id: siteId, department_id, position })),
        )
        .execute();
    }
  });
}

export type { DepartmentInput };
