import type { AgentStatus } from '@parley/protocol';
import { saveAgentStatus } from '../../storage/colleagues.js';
import type { AgentRow } from '../../storage/schema.js';
import type { Deps } from '../deps.js';

export async function setAgentStatus(
  deps: Deps,
  agent: AgentRow,
  status: AgentStatus,
): Promise<AgentRow> {
  await saveAgentStatus(deps.store, agent.id, status);
  const updated: AgentRow = { ...agent, status };
  deps.bus.publish({ type: 'agent.changed', agent: updated });
  return updated;
}
