import type { CannedScope } from '@parley/protocol';
import { isSupervisor } from '../../domain/actors.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import { membershipsOf } from '../../storage/access.js';
import {
  allCannedResponses,
  findCannedResponse,
  insertCannedResponse,
  removeCannedResponse,
  updateCannedResponse,
} from '../../storage/cannedResponses.js';
import type { AgentRow, CannedResponseRow } from '../../storage/schema.js';
import { departmentExists } from '../../storage/ticketWrites.js';
import type { Deps } from '../deps.js';

export interface CannedInput {
  scope: CannedScope;
  departmentId?: string | null | undefined;
  title: string;
  shortcut?: string | null | undefined;
  body: string;
}

/** Personal ones are their owner's; department and organisation ones are managed by supervisors. */
function mayManage(agent: AgentRow, scope: CannedScope, ownerId: string | null): boolean {
  return scope === 'personal' ? ownerId === agent.id : isSupervisor(agent);
}

/** What an agent may use: their own, their departments', the organisation's; supervisors see all. */
export async function listCannedResponses(
  deps: Deps,
  agent: AgentRow,
): Promise<CannedResponseRow[]> {
  const rows = await allCannedResponses(deps.store);
  if (isSupervisor(agent))
    return rows.filter((r) => r.scope !== 'personal' || r.owner_id === agent.id);
  const departments = new Set((await membershipsOf(deps.store, agent.id)).departmentIds);
  return rows.filter(
    (r) =>
      r.scope === 'organisation' ||
      (r.scope === 'personal' && r.owner_id === agent.id) ||
      (r.scope === 'department' && r.department_id !== null && departments.has(r.department_id)),
  );
}

export async function saveCannedResponse(
  deps: Deps,
  agent: AgentRow,
  input: CannedInput,
  id?: string,
): Promise<CannedResponseRow> {
  if (!mayManage(agent, input.scope, agent.id))
    throw new AppError('FORBIDDEN', 'Only supervisors manage shared responses.');
  if (input.scope === 'department') {
    if (!(await departmentExists(deps.store, input.departmentId ?? '')))
      throw new AppError('VALIDATION_FAILED', 'Unknown department.', {
        departmentId: 'unknown department',
      });
  }
  const now = deps.clock.now();
  const values = {
    scope: input.scope,
    owner_id: input.scope === 'personal' ? agent.id : null,
    department_id: input.scope === 'department' ? (input.departmentId ?? null) : null,
    title: input.title,
    shortcut: input.shortcut ?? null,
    body: input.body,
    updated_at: now,
  };
  if (id) {
    const existing = await findCannedResponse(deps.store, id);
    if (!existing || !mayManage(agent, existing.scope, existing.owner_id))
      throw new AppError('NOT_FOUND', 'No such response.');
    await updateCannedResponse(deps.store, id, values);
    return { ...existing, ...values };
  }
  const row: CannedResponseRow = { id: newId(now), created_at: now, ...values };
  await insertCannedResponse(deps.store, row);
  return row;
}

export async function deleteCannedResponse(deps: Deps, agent: AgentRow, id: string): Promise<void> {
  const existing = await findCannedResponse(deps.store, id);
  if (!existing || !mayManage(agent, existing.scope, existing.owner_id))
    throw new AppError('NOT_FOUND', 'No such response.');
  await removeCannedResponse(deps.store, id);
}
