import type { AuditQuery } from '@parley/protocol';
import { AppError } from '../../errors.js';
import { listAudit, type AuditRecord } from '../../storage/audit.js';
import type { AgentRow } from '../../storage/schema.js';
import type { Deps } from '../deps.js';

/** The audit log, newest first; admins only (it names every admin's actions). */
export async function listAuditEntries(
  deps: Deps,
  agent: AgentRow,
  query: AuditQuery,
): Promise<AuditRecord[]> {
  if (agent.role !== 'admin')
    throw new AppError('FORBIDDEN', 'Only admins can read the audit log.');
  return listAudit(deps.store, {
    limit: query.limit,
    ...(query.targetType ? { targetType: query.targetType } : {}),
    ...(query.targetId ? { targetId: query.targetId } : {}),
    ...(query.action ? { action: query.action } : {}),
    ...(query.before ? { before: Date.parse(query.before) } : {}),
  });
}
