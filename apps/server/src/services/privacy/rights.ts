import { AppError } from '../../errors.js';
import type { AgentRow } from '../../storage/schema.js';

/**
 * Exports and erasures are for admins only: an export takes a person's whole history out of
 * Parley and an erasure cannot be undone, so neither is left to supervisors.
 */
export function assertPrivacyAdmin(agent: Pick<AgentRow, 'role'>): void {
  if (agent.role !== 'admin')
    throw new AppError('FORBIDDEN', 'Only admins can export or erase personal data.');
}

/** The audit's actor fields for this agent. */
export function auditActor(agent: Pick<AgentRow, 'id' | 'name'>) {
  return { actorId: agent.id, actorName: agent.name };
}
