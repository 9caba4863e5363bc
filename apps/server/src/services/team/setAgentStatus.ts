import type { AgentStatus } from '@parley/protocol';
import type { AgentRow } from '../../storage/schema.js';
import type { Deps } from '../deps.js';

export async function setAgentStatus(
  deps: Deps,
  agent: AgentRow,
  status: AgentStatus,
): Promise<AgentRow> {
  await deps.store.updateTable('agents').set({ status }).where('id', '=', agent.id).execute();
  const updated: AgentRow = { ...agent, status };
  deps.bus.publish({ type: 'agent.changed', agent: updated });
  return updated;
}
