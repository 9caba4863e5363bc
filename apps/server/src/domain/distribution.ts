import type { Distribution } from '@parley/protocol';

export interface Candidate {
  agentId: string;
  /** Active chats plus pending offers. */
  load: number;
  maxChats: number;
  lastOfferedAt: number | null;
}

function byIdleThenId(a: Candidate, b: Candidate): number {
  const x = a.lastOfferedAt ?? -1;
  const y = b.lastOfferedAt ?? -1;
  return x !== y ? x - y : a.agentId.localeCompare(b.agentId);
}

/**
 * Who gets offered a waiting chat. Agents at capacity are skipped by every method.
 * - to_all: every agent with room; the first to accept wins.
 * - round_robin: the agent offered a chat longest ago (never offered counts as longest).
 * - least_busy: the agent with the fewest chats; ties go to the longest idle.
 */
export function pickAgents(method: Distribution, candidates: readonly Candidate[]): string[] {
  const free = candidates.filter((c) => c.load < c.maxChats);
  if (free.length === 0) return [];
  switch (method) {
    case 'to_all':
      return free.map((c) => c.agentId).sort();
    case 'round_robin':
      return [[...free].sort(byIdleThenId)[0]!.agentId];
    case 'least_busy':
      return [[...free].sort((a, b) => a.load - b.load || byIdleThenId(a, b))[0]!.agentId];
  }
}

/**
 * The estimated wait for the chat at `position` (1 = next): the recent average time from
 * queued to accepted, times the position, shared among the agents who can take chats.
 */
export function estimateWaitSeconds(
  position: number,
  recentWaitsMs: readonly number[],
  agentsWithRoom: number,
): number {
  const average =
    recentWaitsMs.length > 0
      ? recentWaitsMs.reduce((s, w) => s + w, 0) / recentWaitsMs.length
      : 60_000;
  const seconds = (average * position) / Math.max(1, agentsWithRoom) / 1000;
  return Math.max(5, Math.round(seconds));
}
