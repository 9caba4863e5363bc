import type { Millis } from './millis.js';

/** Migration 021: one recorded action of an agent (or of the system, with no actor). */
export interface AuditEntriesTable {
  id: string;
  at: Millis;
  actor_id: string | null;
  /** The actor's name when it happened. */
  actor_name: string | null;
  /** Dotted verb, e.g. `visitor.exported`, `contact.erased`. */
  action: string;
  /** What it was done to: `visitor`, `contact`, ... and its id. */
  target_type: string;
  target_id: string;
  /** JSON object: what changed, counts. */
  details: string;
}

/** File store keys whose rows are gone; the bytes are removed after the deleting commit. */
export interface FileRemovalsTable {
  storage_key: string;
  queued_at: Millis;
}
