import type { AgentRole } from '@parley/protocol';
import { AppError } from '../../errors.js';
import { agentsByName } from '../../storage/agents.js';
import type { AgentRow } from '../../storage/schema.js';
import { createAgent } from './createAgent.js';
import type { Deps } from '../deps.js';
import { checkNewPassword } from './passwordPolicy.js';

/** An admin adds an agent, whose first password must pass the same policy as any other. */
export async function addAgent(
  deps: Deps,
  actor: AgentRow,
  input: { email: string; name: string; password: string; role: AgentRole; siteIds?: string[] },
): Promise<AgentRow> {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Only admins can add agents.');
  checkNewPassword(input.password, input);
  return createAgent(deps, input);
}

/** Every agent for admins, deactivated ones included; the active ones for everyone else. */
export async function listAgents(deps: Deps, actor: AgentRow, all: boolean): Promise<AgentRow[]> {
  if (all && actor.role !== 'admin')
    throw new AppError('FORBIDDEN', 'Only admins can list deactivated agents.');
  return agentsByName(deps.store, { includeDeactivated: all });
}
