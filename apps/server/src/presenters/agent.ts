import type { Agent, PublicAgent } from '@parley/protocol';
import type { AgentRow } from '../storage/schema.js';

export function presentAgent(row: AgentRow): Agent {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    status: row.status,
    avatarUrl: row.avatar_url,
  };
}

export function presentPublicAgent(a: {
  id: string;
  name: string;
  avatarUrl: string | null;
}): PublicAgent {
  return { id: a.id, name: a.name, avatarUrl: a.avatarUrl };
}
