/** Which agents have at least one live connection. Ephemeral: rebuilt from connections. */
export interface Presence {
  /** Returns the agent's number of live connections after this one. */
  connect(agentId: string, connectionId: string): Promise<number>;
  /** Returns the agent's number of live connections left. */
  disconnect(agentId: string, connectionId: string): Promise<number>;
  connectedAgentIds(): Promise<string[]>;
}

export class MemoryPresence implements Presence {
  private readonly byAgent = new Map<string, Set<string>>();

  connect(agentId: string, connectionId: string): Promise<number> {
    let set = this.byAgent.get(agentId);
    if (!set) this.byAgent.set(agentId, (set = new Set()));
    set.add(connectionId);
    return Promise.resolve(set.size);
  }

  disconnect(agentId: string, connectionId: string): Promise<number> {
    const set = this.byAgent.get(agentId);
    if (!set) return Promise.resolve(0);
    set.delete(connectionId);
    if (set.size === 0) this.byAgent.delete(agentId);
    return Promise.resolve(set.size);
  }

  connectedAgentIds(): Promise<string[]> {
    return Promise.resolve([...this.byAgent.keys()]);
  }
}
