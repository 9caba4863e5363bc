import type { AgentRole } from '@parley/protocol';

/**
 * What one agent may see of the organisation's chats, visitors and tickets. Admins see every
 * site; a supervisor every chat of their sites, whatever the department; an agent the chats of
 * their sites that have no department or one of theirs. Computed once from the agent's role and
 * memberships; every path (lists, one chat, rooms, routing, search, webhooks, exports) asks
 * the functions below, and storage/access.ts spells the same rule in SQL.
 */
export type AccessScope =
  | { kind: 'all' }
  | {
      kind: 'sites';
      siteIds: readonly string[];
      /** null: every department of those sites (supervisors). */
      departmentIds: readonly string[] | null;
    };

export interface Memberships {
  siteIds: readonly string[];
  departmentIds: readonly string[];
}

/** Where a chat belongs. */
export interface ChatPlace {
  site_id: string;
  department_id: string | null;
}

export function accessScope(role: AgentRole, m: Memberships): AccessScope {
  if (role === 'admin') return { kind: 'all' };
  return {
    kind: 'sites',
    siteIds: [...new Set(m.siteIds)].sort(),
    departmentIds: role === 'supervisor' ? null : [...new Set(m.departmentIds)].sort(),
  };
}

export function canSeeSite(scope: AccessScope, siteId: string): boolean {
  return scope.kind === 'all' || scope.siteIds.includes(siteId);
}

export function canSeeConversation(scope: AccessScope, chat: ChatPlace): boolean {
  if (scope.kind === 'all') return true;
  if (!scope.siteIds.includes(chat.site_id)) return false;
  return (
    scope.departmentIds === null ||
    chat.department_id === null ||
    scope.departmentIds.includes(chat.department_id)
  );
}

/**
 * The (site, department) pairs whose waiting chats this scope sees, department null meaning
 * "no department"; null for scopes that see whole sites (admins, supervisors).
 */
export function queuePairs(
  scope: AccessScope,
): Array<{ siteId: string; departmentId: string | null }> | null {
  if (scope.kind === 'all' || scope.departmentIds === null) return null;
  const departments = [null, ...scope.departmentIds];
  return scope.siteIds.flatMap((siteId) =>
    departments.map((departmentId) => ({ siteId, departmentId })),
  );
}

/** Equal scopes see the same things (used to skip needless room changes). */
export function sameScope(a: AccessScope, b: AccessScope): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
