import { clearAgentDisconnected, markAgentsDisconnected } from '../../storage/routing.js';
import type { Deps } from '../deps.js';
import { withdrawOffersOf } from './answerOffer.js';

/**
 * An agent's connections across the cluster, as routing sees them. The moment the last one
 * closed is written to the database, so whichever node leads counts the offline grace period
 * from the same instant.
 */
export async function agentConnected(deps: Deps, agentId: string): Promise<void> {
  await clearAgentDisconnected(deps.store, agentId);
}

/** `at`: when the last connection closed. Offers waiting on the agent go to someone else. */
export async function agentDisconnected(deps: Deps, agentIds: string[], at: number): Promise<void> {
  if (agentIds.length === 0) return;
  await markAgentsDisconnected(deps.store, agentIds, at);
  await withdrawOffersOf(deps, agentIds);
}
