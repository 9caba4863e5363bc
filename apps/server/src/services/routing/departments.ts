import type { DepartmentInput } from '@parley/protocol';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import {
  addDepartmentMembers,
  allDepartmentMembers,
  countExistingAgents,
  countExistingDepartments,
  departmentMemberIds,
  departmentsByName,
  insertDepartment,
  removeDepartmentMembers,
  replaceSiteDepartments,
  updateDepartmentRow,
} from '../../storage/departments.js';
import type { DepartmentRow } from '../../storage/schema.js';
import { findSite } from '../../storage/sites.js';
import { inTransaction } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { releaseChatsOutOfScope } from './releaseOutOfScope.js';

export interface DepartmentView extends DepartmentRow {
  member_ids: string[];
}

type Input = { name: string; distribution: DepartmentRow['distribution']; memberIds: string[] };

export async function listDepartments(deps: Deps): Promise<DepartmentView[]> {
  const [rows, members] = await Promise.all([
    departmentsByName(deps.store),
    allDepartmentMembers(deps.store),
  ]);
  return rows.map((d) => ({
    ...d,
    member_ids: members.filter((m) => m.department_id === d.id).map((m) => m.agent_id),
  }));
}

async function checkAgents(deps: Deps, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  if ((await countExistingAgents(deps.store, ids)) !== new Set(ids).size)
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
  await inTransaction(deps.store, async (tx) => {
    await insertDepartment(tx, row);
    await addDepartmentMembers(tx, row.id, input.memberIds);
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
  const before = await departmentMemberIds(deps.store, id);
  await inTransaction(deps.store, async (tx) => {
    const fields = { name: input.name, distribution: input.distribution };
    if (!(await updateDepartmentRow(tx, id, fields)))
      throw new AppError('NOT_FOUND', 'Department not found.');
    await removeDepartmentMembers(tx, id);
    await addDepartmentMembers(tx, id, input.memberIds);
  });
  // Who joined or left sees that department's chats, or stops seeing them, at once.
  const kept = new Set(input.memberIds);
  for (const agentId of before) if (!kept.has(agentId)) await releaseChatsOutOfScope(deps, agentId);
  const affected = new Set([...before, ...input.memberIds]);
  deps.bus.publish({ type: 'access.changed', agentIds: [...affected] });
  return (await listDepartments(deps)).find((d) => d.id === id)!;
}

/**
 * Which departments a site's chats route to, in order. The site and every department must
 * exist (NOT_FOUND, VALIDATION_FAILED naming the field).
 */
export async function setSiteDepartments(
  deps: Deps,
  siteId: string,
  departmentIds: string[],
): Promise<void> {
  if (!(await findSite(deps.store, siteId))) throw new AppError('NOT_FOUND', 'Site not found.');
  const known = departmentIds.length
    ? await countExistingDepartments(deps.store, departmentIds)
    : 0;
  if (known !== new Set(departmentIds).size) {
    throw new AppError('VALIDATION_FAILED', 'Unknown department.', {
      departmentIds: 'unknown department',
    });
  }
  await replaceSiteDepartments(deps.store, siteId, departmentIds);
}

export type { DepartmentInput };
