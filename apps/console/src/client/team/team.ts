import type { AgentStatus } from '@parley/protocol';
import type { TeamMember } from '../core/state';

const statusRank: Record<AgentStatus, number> = { online: 0, away: 1, invisible: 2, offline: 3 };

/** Colleagues most able to help first: by availability, then least loaded, then by name. */
export function sortTeam(members: readonly TeamMember[]): TeamMember[] {
  return [...members].sort(
    (a, b) =>
      statusRank[a.agent.status] - statusRank[b.agent.status] ||
      (a.activeChats ?? 0) - (b.activeChats ?? 0) ||
      a.agent.name.localeCompare(b.agent.name),
  );
}

/** "2 / 5" when the load is known. */
export function loadLabel(m: TeamMember): string | null {
  return m.activeChats === null || m.maxChats === null ? null : `${m.activeChats} / ${m.maxChats}`;
}

/** Whether new chats can reach this colleague now (Online, and connected when that is known). */
export function isAvailable(m: TeamMember): boolean {
  return m.agent.status === 'online' && m.connected !== false;
}
