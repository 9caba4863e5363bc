import type { AgentStatus } from '@parley/protocol';
import type { AgentRow } from './schema.js';
import type { Store } from './store.js';

/** What a visitor is shown of an agent; throws when there is no such agent. */
export function agentCard(
  db: Store,
  id: string,
): Promise<Pick<AgentRow, 'id' | 'name' | 'avatar_url'>> {
  return db
    .selectFrom('agents')
    .select(['id', 'name', 'avatar_url'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** Online, away, invisible or offline: what routing and colleagues see of the agent. */
export async function saveAgentStatus(
  db: Store,
  agentId: string,
  status: AgentStatus,
): Promise<void> {
  await db.updateTable('agents').set({ status }).where('id', '=', agentId).execute();
}
