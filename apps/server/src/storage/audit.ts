import type { Selectable } from 'kysely';
import { newId } from '../ids.js';
import type { AuditEntriesTable } from './tables/audit.js';
import type { Store } from './store.js';

/** One recorded action, as the services read it back: details parsed. */
export interface AuditRecord {
  id: string;
  at: number;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
}

export type NewAuditRecord = Omit<AuditRecord, 'id'>;

/** Writes one audit entry; inside the transaction of the action it records, when there is one. */
export async function recordAudit(db: Store, entry: NewAuditRecord): Promise<string> {
  const id = newId(entry.at);
  await db
    .insertInto('audit_entries')
    .values({
      id,
      at: entry.at,
      actor_id: entry.actorId,
      actor_name: entry.actorName,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      details: JSON.stringify(entry.details),
    })
    .execute();
  return id;
}

export interface AuditFilter {
  targetType?: string;
  targetId?: string;
  action?: string;
  /** Entries strictly older than this time, for paging back. */
  before?: number;
  limit: number;
}

/** The newest entries first, filtered by target and action. */
export async function listAudit(db: Store, filter: AuditFilter): Promise<AuditRecord[]> {
  let q = db.selectFrom('audit_entries').selectAll();
  if (filter.targetType) q = q.where('target_type', '=', filter.targetType);
  if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
  if (filter.action) q = q.where('action', '=', filter.action);
  if (filter.before !== undefined) q = q.where('at', '<', filter.before);
  const rows = await q.orderBy('at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  return rows.map(toRecord);
}

function toRecord(row: Selectable<AuditEntriesTable>): AuditRecord {
  return {
    id: row.id,
    at: Number(row.at),
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}
