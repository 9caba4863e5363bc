import type { Agent, PublicAgent } from '@parley/protocol';
import type { AgentRow } from '../storage/schema.js';

/**
 * `withDeactivation`: the admins' list, which shows when an agent was deactivated; `siteIds`:
 * the sites the agent works on, where the reader manages them (the agents list, create, update).
 */
export function presentAgent(
  row: AgentRow,
  opts: { withDeactivation?: boolean; siteIds?: readonly string[] | undefined } = {},
): Agent {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    avatarUrl: row.avatar_url,
    ...(opts.withDeactivation
      ? {
          deactivatedAt: row.disabled_at === null ? null : new Date(row.disabled_at).toISOString(),
        }
      : {}),
    ...(opts.siteIds ? { siteIds: [...opts.siteIds] } : {}),
  };
}

export function presentPublicAgent(a: {
  id: string;
  name: string;
  avatarUrl: string | null;
}): PublicAgent {
  return { id: a.id, name: a.name, avatarUrl: a.avatarUrl };
}
