import type { AuditEntry } from '@parley/protocol';
import type { AuditRecord } from '../storage/audit.js';

export function presentAuditEntry(r: AuditRecord): AuditEntry {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    actor: r.actorId ? { id: r.actorId, name: r.actorName } : null,
    action: r.action,
    target: { type: r.targetType, id: r.targetId },
    details: r.details,
  };
}
