import type { Agent, AgentListResponse, AgentStatus } from '@parley/protocol';
import { apiRequest } from '../../api/http';
import { isSupervisor } from '../conversations/conversations';
import type { TeamMember } from '../core/state';
import type { ActionResult, Store } from '../core/store';

const TEAM_REFRESH_MS = 10_000;
const TEAM_DEBOUNCE_MS = 1_000;

const defaultFetchAgents = () => apiRequest<AgentListResponse>('/agents').then((r) => r.agents);

/** The signed-in agent's status and profile, and the colleagues (with their load) beside it. */
export class TeamControl {
  private watchers = 0;
  private interval: ReturnType<typeof setInterval> | null = null;
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly store: Store) {}

  dispose(): void {
    if (this.interval) clearInterval(this.interval);
    if (this.debounce) clearTimeout(this.debounce);
  }

  async setStatus(status: AgentStatus): Promise<ActionResult> {
    const s = this.store;
    const before = s.state.me;
    s.update({ ...s.state, me: { ...before, status } }); // the control answers at once
    const result = await s.request('agent:status', { status });
    if (result.ok) {
      s.update({ ...s.state, me: result.data.agent });
      return { ok: true };
    }
    s.update({ ...s.state, me: { ...s.state.me, status: before.status } });
    s.notify(`Could not change your status: ${result.error.message}`, 'error');
    return { ok: false, message: result.error.message };
  }

  /** Auto-away: nobody touched the console for a while, so no new chats should come here. */
  async goAwayAfterIdle(minutes: number): Promise<void> {
    if (this.store.state.me.status !== 'online') return;
    const result = await this.setStatus('away');
    if (result.ok) {
      const span = minutes === 1 ? '1 minute' : `${minutes} minutes`;
      this.store.notify(`You were set to Away after ${span} without activity`, 'info', true);
    }
  }

  /** Reloads colleagues (with their load, for supervisors). Concurrent calls share one request. */
  refresh(): Promise<void> {
    this.inFlight ??= this.load().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Keeps the team fresh while something shows it: every 10 s, and soon after any change. */
  watch(): () => void {
    this.watchers += 1;
    if (this.watchers === 1) {
      void this.refresh();
      this.interval = setInterval(() => void this.refresh(), TEAM_REFRESH_MS);
    }
    return () => {
      this.watchers -= 1;
      if (this.watchers === 0 && this.interval) {
        clearInterval(this.interval);
        this.interval = null;
      }
    };
  }

  /** Something that moves a colleague's load happened: refresh soon, if anything shows it. */
  changed(): void {
    if (this.watchers === 0 || this.debounce) return;
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.refresh();
    }, TEAM_DEBOUNCE_MS);
  }

  /** An agent changed (status, profile): me, and their row in the team. */
  onAgentUpdated(agent: Agent): void {
    const s = this.store;
    let next = s.state;
    if (agent.id === next.me.id) next = { ...next, me: agent };
    const members = next.team.members;
    if (members.some((m) => m.agent.id === agent.id)) {
      next = {
        ...next,
        team: {
          ...next.team,
          members: members.map((m) => (m.agent.id === agent.id ? { ...m, agent } : m)),
        },
      };
    }
    s.update(next);
    this.changed();
  }

  private async load(): Promise<void> {
    const s = this.store;
    let members: TeamMember[];
    if (isSupervisor(s.state.me)) {
      const result = await s.request('agents:load', {});
      if (!result.ok) {
        s.update({ ...s.state, team: { ...s.state.team, error: result.error.message } });
        return;
      }
      members = result.data.agents.map((a) => ({ ...a }));
    } else {
      try {
        const agents = await (s.options.fetchAgents ?? defaultFetchAgents)();
        members = agents.map((agent) => ({
          agent,
          connected: null,
          activeChats: null,
          maxChats: null,
          departmentIds: [],
        }));
      } catch (err) {
        const message = err instanceof Error ? err.message : 'Could not load the team.';
        s.update({ ...s.state, team: { ...s.state.team, error: message } });
        return;
      }
    }
    s.update({ ...s.state, team: { members, refreshedAt: Date.now(), error: null } });
  }
}
