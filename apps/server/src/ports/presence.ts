/**
 * Who has live connections: agents (for routing and availability) and visitors (so an agent
 * knows whether the visitor is still there). Ephemeral: rebuilt from connections.
 */
export interface Presence {
  /** Returns the agent's number of live connections after this one. */
  connect(agentId: string, connectionId: string): Promise<number>;
  /** Returns the agent's number of live connections left. */
  disconnect(agentId: string, connectionId: string): Promise<number>;
  connectedAgentIds(): Promise<string[]>;
  visitorConnect(visitorId: string, connectionId: string): Promise<number>;
  visitorDisconnect(visitorId: string, connectionId: string): Promise<number>;
  onlineVisitors(visitorIds: readonly string[]): Promise<Set<string>>;
  /** Every visitor with a live connection (the Visitors page). */
  onlineVisitorIds(): Promise<string[]>;
  /**
   * False while what other nodes hold may be missing (Redis away, or back for less than a
   * heartbeat timeout): nobody may be declared gone on such an answer.
   */
  reliable(): boolean;
  /**
   * Forgets the connections of nodes that stopped without a word (kill -9, lost host) and
   * returns the agents and visitors left with none anywhere. Run by the leader.
   */
  reapDeadNodes(): Promise<{ agents: string[]; visitors: string[] }>;
  close(): Promise<void>;
}

export class ConnectionSets {
  private readonly byOwner = new Map<string, Set<string>>();

  add(owner: string, connection: string): number {
    let set = this.byOwner.get(owner);
    if (!set) this.byOwner.set(owner, (set = new Set()));
    set.add(connection);
    return set.size;
  }

  remove(owner: string, connection: string): number {
    const set = this.byOwner.get(owner);
    if (!set) return 0;
    set.delete(connection);
    if (set.size === 0) this.byOwner.delete(owner);
    return set.size;
  }

  owners(): string[] {
    return [...this.byOwner.keys()];
  }

  has(owner: string): boolean {
    return this.byOwner.has(owner);
  }

  count(owner: string): number {
    return this.byOwner.get(owner)?.size ?? 0;
  }

  entries(): Array<[string, number]> {
    return [...this.byOwner].map(([owner, set]) => [owner, set.size]);
  }
}

export class MemoryPresence implements Presence {
  protected readonly agents = new ConnectionSets();
  protected readonly visitors = new ConnectionSets();

  connect(agentId: string, connectionId: string): Promise<number> {
    return Promise.resolve(this.agents.add(agentId, connectionId));
  }

  disconnect(agentId: string, connectionId: string): Promise<number> {
    return Promise.resolve(this.agents.remove(agentId, connectionId));
  }

  connectedAgentIds(): Promise<string[]> {
    return Promise.resolve(this.agents.owners());
  }

  visitorConnect(visitorId: string, connectionId: string): Promise<number> {
    return Promise.resolve(this.visitors.add(visitorId, connectionId));
  }

  visitorDisconnect(visitorId: string, connectionId: string): Promise<number> {
    return Promise.resolve(this.visitors.remove(visitorId, connectionId));
  }

  onlineVisitors(visitorIds: readonly string[]): Promise<Set<string>> {
    return Promise.resolve(new Set(visitorIds.filter((id) => this.visitors.has(id))));
  }

  onlineVisitorIds(): Promise<string[]> {
    return Promise.resolve(this.visitors.owners());
  }

  reliable(): boolean {
    return true;
  }

  reapDeadNodes(): Promise<{ agents: string[]; visitors: string[] }> {
    return Promise.resolve({ agents: [], visitors: [] });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
