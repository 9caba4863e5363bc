import { z } from 'zod';
import { Id } from './ids.js';

/**
 * Data rights (issue 13): an admin exports or erases what Parley holds about a visitor or a
 * contact, and every such action is written to the audit log.
 */

/** "Erase data": the admin types the visitor's code (e.g. #4821) or the contact's name. */
export const EraseInput = z.object({
  confirm: z.string().trim().min(1, 'Type what the dialog asks for to confirm.').max(200),
});
export type EraseInput = z.infer<typeof EraseInput>;

/** How many rows of each kind an erasure removed. */
export const ErasedCounts = z.object({
  visitors: z.number().int(),
  conversations: z.number().int(),
  messages: z.number().int(),
  files: z.number().int(),
  pageViews: z.number().int(),
  tickets: z.number().int(),
  contacts: z.number().int(),
});
export type ErasedCounts = z.infer<typeof ErasedCounts>;

export const EraseResponse = z.object({ erased: ErasedCounts, auditId: z.string() });
export type EraseResponse = z.infer<typeof EraseResponse>;

/** One recorded admin action. `actor` is null for what the system did on its own. */
export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
  action: z.string(),
  target: z.object({ type: z.string(), id: z.string() }),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  targetType: z.string().max(40).optional(),
  targetId: Id.optional(),
  action: z.string().max(80).optional(),
  /** Entries older than this ISO time, for the next page. */
  before: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditListResponse = z.object({ entries: z.array(AuditEntry) });
export type AuditListResponse = z.infer<typeof AuditListResponse>;
