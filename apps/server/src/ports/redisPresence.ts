import type { Logger } from 'pino';
import { ConnectionSets, type Presence } from './presence.js';
import type { RedisConnections } from './redis.js';

/** How often a node says it is alive, and how long its silence takes to count as death. */
export const HEARTBEAT_MS = 2000;
export const DEAD_AFTER_MS = 10_000;
/** A dead node's connections stay readable this long, so the leader can tell who they were. */
const KEY_TTL_MS = 60_000;

// Redis's own clock decides who is alive, so nodes whose clocks disagree still agree on that.
const NOW = `local t = redis.call('TIME'); local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;
const ALIVE = `local alive = redis.call('ZRANGEBYSCORE', KEYS[1], now - tonumber(ARGV[1]), '+inf')`;

const HEARTBEAT = `${NOW}
redis.call('ZADD', KEYS[1], now, ARGV[1])
return { redis.call('PEXPIRE', KEYS[2], ARGV[2]), redis.call('PEXPIRE', KEYS[3], ARGV[2]) }`;

/** ARGV: deadAfter, prefix, kind, owner. The owner's connections on every live node. */
const COUNT = `${NOW}
${ALIVE}
local n = 0
for _, node in ipairs(alive) do
  local c = redis.call('HGET', ARGV[2] .. ':node:' .. node .. ':' .. ARGV[3], ARGV[4])
  if c then n = n + tonumber(c) end
end
return n`;

/** ARGV: deadAfter, prefix, kind, [owners...]. Owners connected on a live node (all, or among those given). */
const OWNERS = `${NOW}
${ALIVE}
local seen, out = {}, {}
for _, node in ipairs(alive) do
  local key = ARGV[2] .. ':node:' .. node .. ':' .. ARGV[3]
  if #ARGV > 3 then
    local wanted = {}
    for i = 4, #ARGV do wanted[#wanted + 1] = ARGV[i] end
    local counts = redis.call('HMGET', key, unpack(wanted))
    for i, c in ipairs(counts) do
      if c and not seen[wanted[i]] then seen[wanted[i]] = true; out[#out + 1] = wanted[i] end
    end
  else
    for _, owner in ipairs(redis.call('HKEYS', key)) do
      if not seen[owner] then seen[owner] = true; out[#out + 1] = owner end
    end
  end
end
return out`;

/** ARGV: deadAfter, prefix. Removes silent nodes; returns what they held. */
const REAP = `${NOW}
local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - tonumber(ARGV[1])))
local agents, visitors = {}, {}
for _, node in ipairs(dead) do
  local base = ARGV[2] .. ':node:' .. node
  for _, a in ipairs(redis.call('HKEYS', base .. ':a')) do agents[#agents + 1] = a end
  for _, v in ipairs(redis.call('HKEYS', base .. ':v')) do visitors[#visitors + 1] = v end
  redis.call('DEL', base .. ':a', base .. ':v')
  redis.call('ZREM', KEYS[1], node)
end
return { agents, visitors }`;

type Kind = 'a' | 'v';

/**
 * Presence shared by the nodes of a cluster. Each node keeps its own connections in memory
 * (the truth for that node) and mirrors the count per agent and per visitor into a Redis hash
 * of its own, which lives only while the node's heartbeat does. Answers add up the hashes of
 * live nodes, so a node killed with kill -9 drops out of every answer after DEAD_AFTER_MS, and
 * the leader's reap tells the rest of the server who went with it.
 *
 * While Redis is away, writes are skipped (the heartbeat rewrites the node's hashes when it is
 * back) and reads answer from this node's memory.
 */
export class RedisPresence implements Presence {
  private readonly local: Record<Kind, ConnectionSets> = {
    a: new ConnectionSets(),
    v: new ConnectionSets(),
  };
  private readonly nodesKey: string;
  private timer: NodeJS.Timeout | null = null;
  private resyncNeeded = true;

  constructor(
    private readonly redis: RedisConnections,
    private readonly nodeId: string,
    private readonly log: Logger,
  ) {
    this.nodesKey = `${redis.prefix}:nodes`;
    redis.direct.on('ready', () => {
      // Redis restarted or came back: what it held of this node may be gone.
      this.resyncNeeded = true;
      void this.heartbeat();
    });
  }

  start(): Promise<void> {
    this.timer = setInterval(() => void this.heartbeat(), HEARTBEAT_MS);
    this.timer.unref();
    return this.heartbeat();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // Leaving: the leader reaps this node at its next tick instead of after the timeout.
    await this.redis.direct.zadd(this.nodesKey, 0, this.nodeId).catch(() => undefined);
  }

  connect(agentId: string, connectionId: string): Promise<number> {
    return this.add('a', agentId, connectionId);
  }

  disconnect(agentId: string, connectionId: string): Promise<number> {
    return this.remove('a', agentId, connectionId);
  }

  connectedAgentIds(): Promise<string[]> {
    return this.owners('a', []);
  }

  visitorConnect(visitorId: string, connectionId: string): Promise<number> {
    return this.add('v', visitorId, connectionId);
  }

  visitorDisconnect(visitorId: string, connectionId: string): Promise<number> {
    return this.remove('v', visitorId, connectionId);
  }

  async onlineVisitors(visitorIds: readonly string[]): Promise<Set<string>> {
    if (visitorIds.length === 0) return new Set();
    return new Set(await this.owners('v', visitorIds));
  }

  onlineVisitorIds(): Promise<string[]> {
    return this.owners('v', []);
  }

  reliable(): boolean {
    const since = this.redis.healthySince();
    return since !== null && Date.now() - since >= DEAD_AFTER_MS && !this.resyncNeeded;
  }

  async reapDeadNodes(): Promise<{ agents: string[]; visitors: string[] }> {
    // Just after an outage every node's heartbeat is old: give them time to renew it first.
    const none = { agents: [], visitors: [] };
    if (!this.reliable()) return none;
    let agents: string[];
    let visitors: string[];
    let stillA: Set<string>;
    let stillV: Set<string>;
    try {
      [agents, visitors] = (await this.redis.direct.eval(
        REAP,
        1,
        this.nodesKey,
        DEAD_AFTER_MS,
        this.redis.prefix,
      )) as [string[], string[]];
      if (agents.length === 0 && visitors.length === 0) return none;
      stillA = new Set(await this.owners('a', [...new Set(agents)]));
      stillV = new Set(await this.owners('v', [...new Set(visitors)]));
    } catch (err) {
      // Redis went away in the middle: nobody can be declared gone (docs/architecture.md).
      if (this.redis.direct.status !== 'ready') return none;
      throw err;
    }
    return {
      agents: [...new Set(agents)].filter((a) => !stillA.has(a)),
      visitors: [...new Set(visitors)].filter((v) => !stillV.has(v)),
    };
  }

  private key(kind: Kind): string {
    return `${this.redis.prefix}:node:${this.nodeId}:${kind}`;
  }

  private async add(kind: Kind, owner: string, connection: string): Promise<number> {
    const mine = this.local[kind].add(owner, connection);
    await this.write(kind, owner, mine);
    return this.count(kind, owner, mine);
  }

  private async remove(kind: Kind, owner: string, connection: string): Promise<number> {
    const mine = this.local[kind].remove(owner, connection);
    await this.write(kind, owner, mine);
    return this.count(kind, owner, mine);
  }

  private async write(kind: Kind, owner: string, mine: number): Promise<void> {
    try {
      const key = this.key(kind);
      if (mine > 0)
        await this.redis.direct.multi().hset(key, owner, mine).pexpire(key, KEY_TTL_MS).exec();
      else await this.redis.direct.hdel(key, owner);
    } catch {
      this.resyncNeeded = true;
    }
  }

  private async count(kind: Kind, owner: string, mine: number): Promise<number> {
    try {
      const n = (await this.redis.direct.eval(
        COUNT,
        1,
        this.nodesKey,
        DEAD_AFTER_MS,
        this.redis.prefix,
        kind,
        owner,
      )) as number;
      // This node's own connections count even before its heartbeat is back.
      return Math.max(n, mine);
    } catch {
      return mine;
    }
  }

  private async owners(kind: Kind, among: readonly string[]): Promise<string[]> {
    const localOwners = among.length
      ? among.filter((o) => this.local[kind].has(o))
      : this.local[kind].owners();
    try {
      const remote = (await this.redis.direct.eval(
        OWNERS,
        1,
        this.nodesKey,
        DEAD_AFTER_MS,
        this.redis.prefix,
        kind,
        ...among,
      )) as string[];
      return [...new Set([...remote, ...localOwners])];
    } catch {
      return localOwners;
    }
  }

  private async heartbeat(): Promise<void> {
    try {
      if (this.resyncNeeded) await this.resync();
      const [a, v] = (await this.redis.direct.eval(
        HEARTBEAT,
        3,
        this.nodesKey,
        this.key('a'),
        this.key('v'),
        this.nodeId,
        KEY_TTL_MS,
      )) as [number, number];
      // A hash that should exist but does not (expired during an outage, reaped): rewrite it.
      if (
        (a === 0 && this.local.a.owners().length > 0) ||
        (v === 0 && this.local.v.owners().length > 0)
      )
        this.resyncNeeded = true;
    } catch (err) {
      this.resyncNeeded = true;
      this.log.debug({ err }, 'presence heartbeat failed');
    }
  }

  private async resync(): Promise<void> {
    const tx = this.redis.direct.multi();
    for (const kind of ['a', 'v'] as const) {
      const key = this.key(kind);
      tx.del(key);
      const entries = this.local[kind].entries();
      if (entries.length > 0) tx.hset(key, Object.fromEntries(entries)).pexpire(key, KEY_TTL_MS);
    }
    await tx.exec();
    this.resyncNeeded = false;
  }
}
