import type { Agent, PublicAgent } from '@parley/protocol';
import type { AgentRow } from '../storage/schema.js';

/** `withDeactivation`: the admins' list, which shows when an agent was deactivated. */
export function presentAgent(row: AgentRow, opts: { withDeactivation?: boolean } = {}): Agent {
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
  };
}

export function presentPublicAgent(a: {
  id: string;
  name: string;
  avatarUrl: string | null;
}): PublicAgent {
  return { id: a.id, name: a.name, avatarUrl: a.avatarUrl };
}
