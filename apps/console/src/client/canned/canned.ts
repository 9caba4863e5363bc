import type { CannedResponse, CannedScope, Conversation } from '@parley/protocol';

export interface CannedContext {
  visitor: string;
  agent: string;
  department: string;
}

export function cannedContext(c: Conversation, agentName: string): CannedContext {
  return {
    visitor: c.visitor.name?.trim() || c.visitor.code,
    agent: agentName,
    department: c.department?.name ?? '',
  };
}

/** Fills {visitor}, {agent} and {department}; other braces stay as written. */
export function fillCanned(body: string, ctx: CannedContext): string {
  return body.replace(
    /\{(visitor|agent|department)\}/g,
    (_m, key: keyof CannedContext) => ctx[key],
  );
}

export const scopeOrder: readonly CannedScope[] = ['personal', 'department', 'organisation'];
export const scopeLabels: Record<CannedScope, string> = {
  personal: 'Personal',
  department: 'Department',
  organisation: 'Organisation',
};

/** Case-insensitive search over title, shortcut and body. */
export function searchCanned(list: readonly CannedResponse[], query: string): CannedResponse[] {
  const q = query.trim().toLowerCase().replace(/^\//, '');
  if (!q) return [...list];
  const words = q.split(/\s+/);
  return list.filter((r) => {
    const hay = `${r.title}\n${r.shortcut ?? ''}\n${r.body}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** Personal, then department, then organisation; each by title. Empty groups are left out. */
export function groupCanned(
  list: readonly CannedResponse[],
): Array<{ scope: CannedScope; items: CannedResponse[] }> {
  return scopeOrder
    .map((scope) => ({
      scope,
      items: list.filter((r) => r.scope === scope).sort((a, b) => a.title.localeCompare(b.title)),
    }))
    .filter((g) => g.items.length > 0);
}

/**
 * The `/word` the agent is typing at the very start of the composer, or null. Only while the
 * whole text is the shortcut (no space yet), so a message that starts with a path is left alone.
 */
export function slashQuery(text: string): string | null {
  const m = /^\/([a-z0-9_-]*)$/i.exec(text);
  return m ? (m[1] ?? '').toLowerCase() : null;
}

/** Responses with a shortcut starting with the query: exact match first, then prefix, then by length. */
export function matchShortcuts(
  list: readonly CannedResponse[],
  query: string,
  limit = 8,
): CannedResponse[] {
  const q = query.toLowerCase();
  const rank = (r: CannedResponse) => {
    const s = (r.shortcut ?? '').toLowerCase();
    return s === q ? 0 : 1;
  };
  return list
    .filter((r) => r.shortcut && r.shortcut.toLowerCase().startsWith(q))
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (a.shortcut ?? '').length - (b.shortcut ?? '').length ||
        scopeOrder.indexOf(a.scope) - scopeOrder.indexOf(b.scope) ||
        (a.shortcut ?? '').localeCompare(b.shortcut ?? ''),
    )
    .slice(0, limit);
}

/** Who may change a response: the owner of a personal one; supervisors and admins shared ones. */
export function canEditCanned(
  r: CannedResponse,
  me: { id: string; role: 'admin' | 'supervisor' | 'agent' },
): boolean {
  if (r.scope === 'personal') return r.ownerId === me.id;
  return me.role !== 'agent';
}
