import type { Clock } from './clock.js';
import type { RedisConnections } from './redis.js';

/** Failed attempts of one kind (sign-ins by account, by address) kept for `windowMs`. */
export interface AttemptRule {
  readonly name: string;
  readonly windowMs: number;
}

/** What is known about a key's recent failures, measured on one clock. */
export interface Failures {
  readonly count: number;
  /** Epoch ms of the oldest and the newest failure still in the window; 0 when none. */
  readonly oldestAt: number;
  readonly latestAt: number;
  /** The time these were read at, on the same clock. */
  readonly now: number;
}

/** Failed attempts per key: counted by this process alone, or by the cluster in Redis. */
export interface AttemptLog {
  failures(rule: AttemptRule, key: string): Promise<Failures>;
  /** Records one failure now. */
  fail(rule: AttemptRule, key: string): Promise<void>;
  /** Forgets the key's failures (the attempt succeeded). */
  clear(rule: AttemptRule, key: string): Promise<void>;
}

/** Keys kept at most per rule; the least recently failed is forgotten first. */
const MAX_KEYS = 50_000;

export class MemoryAttemptLog implements AttemptLog {
  private readonly byRule = new Map<string, Map<string, number[]>>();

  constructor(private readonly clock: Clock) {}

  private recent(rule: AttemptRule, key: string, now: number): number[] {
    const times = this.byRule.get(rule.name)?.get(key) ?? [];
    return times.filter((t) => now - t < rule.windowMs);
  }

  failures(rule: AttemptRule, key: string): Promise<Failures> {
    const now = this.clock.now();
    const times = this.recent(rule, key, now);
    return Promise.resolve({
      count: times.length,
      oldestAt: times[0] ?? 0,
      latestAt: times.at(-1) ?? 0,
      now,
    });
  }

  fail(rule: AttemptRule, key: string): Promise<void> {
    const now = this.clock.now();
    let keys = this.byRule.get(rule.name);
    if (!keys) this.byRule.set(rule.name, (keys = new Map()));
    const times = this.recent(rule, key, now);
    times.push(now);
    keys.delete(key);
    keys.set(key, times);
    if (keys.size > MAX_KEYS) keys.delete(keys.keys().next().value!);
    return Promise.resolve();
  }

  clear(rule: AttemptRule, key: string): Promise<void> {
    this.byRule.get(rule.name)?.delete(key);
    return Promise.resolve();
  }
}

// Failures in a sorted set scored by Redis's clock, so every node measures the same way.
const READ = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]))
local n = redis.call('ZCARD', KEYS[1])
if n == 0 then return {0, 0, 0, now} end
local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
return {n, tonumber(first[2]), tonumber(last[2]), now}`;

const FAIL = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZADD', KEYS[1], now, ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1`;

/**
 * The cluster's count. While Redis is away each node counts on its own, so guessing is still
 * slowed per node rather than let through.
 */
export class RedisAttemptLog implements AttemptLog {
  private readonly fallback: MemoryAttemptLog;
  private seq = 0;

  constructor(
    private readonly redis: RedisConnections,
    clock: Clock,
  ) {
    this.fallback = new MemoryAttemptLog(clock);
  }

  private key(rule: AttemptRule, key: string): string {
    return `${this.redis.prefix}:attempts:${rule.name}:${key}`;
  }

  async failures(rule: AttemptRule, key: string): Promise<Failures> {
    try {
      const [count, oldestAt, latestAt, now] = (await this.redis.direct.eval(
        READ,
        1,
        this.key(rule, key),
        rule.windowMs,
      )) as [number, number, number, number];
      return { count, oldestAt, latestAt, now };
    } catch {
      return this.fallback.failures(rule, key);
    }
  }

  async fail(rule: AttemptRule, key: string): Promise<void> {
    this.seq = (this.seq + 1) % Number.MAX_SAFE_INTEGER;
    try {
      await this.redis.direct.eval(
        FAIL,
        1,
        this.key(rule, key),
        rule.windowMs,
        `${process.pid}:${Date.now()}:${this.seq}`,
      );
    } catch {
      await this.fallback.fail(rule, key);
    }
  }

  async clear(rule: AttemptRule, key: string): Promise<void> {
    await Promise.all([
      this.redis.direct.del(this.key(rule, key)).catch(() => 0),
      this.fallback.clear(rule, key),
    ]);
  }
}
