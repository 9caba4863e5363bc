import type { AgentStatus } from '@parley/protocol';

/**
 * Whether an Online agent has been idle long enough to be set Away. Only Online changes:
 * Away, Invisible and Offline were chosen on purpose, and nothing ever switches back
 * automatically.
 */
export function autoAwayDue(
  status: AgentStatus,
  minutes: number,
  lastActivity: number,
  now: number,
): boolean {
  return minutes > 0 && status === 'online' && now - lastActivity >= minutes * 60_000;
}
