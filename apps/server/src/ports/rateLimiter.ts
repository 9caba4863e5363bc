import { randomBytes } from 'node:crypto';
import { RateWindow } from '../rateWindow.js';
import type { Clock } from './clock.js';
import type { RedisConnections } from './redis.js';

/** A named abuse limit: at most `limit` events per key within `windowMs`. */
export interface RateRule {
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
}

export interface RateLimiter {
  /** Counts one event for `key` under `rule`; false (and not counted) when the limit is reached. */
  allow(rule: RateRule, key: string): Promise<boolean>;
}

/** One process's count: a single node, or a cluster node while Redis is away. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, RateWindow>();

  constructor(private readonly clock: Clock) {}

  allow(rule: RateRule, key: string): Promise<boolean> {
    let w = this.windows.get(rule.name);
    if (!w) this.windows.set(rule.name, (w = new RateWindow(rule.limit, rule.windowMs)));
    return Promise.resolve(w.allow(key, this.clock.now()));
  }
}

// A sliding window per key in a sorted set, scored by Redis's clock.
const SLIDING = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now, ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

/**
 * The cluster's count, shared by every node. While Redis is away each node falls back to its
 * own count, so a flood is still limited per node rather than let through.
 */
export class RedisRateLimiter implements RateLimiter {
  private readonly fallback: MemoryRateLimiter;
  private readonly node = randomBytes(4).toString('hex');
  private seq = 0;

  constructor(
    private readonly redis: RedisConnections,
    clock: Clock,
  ) {
    this.fallback = new MemoryRateLimiter(clock);
  }

  async allow(rule: RateRule, key: string): Promise<boolean> {
    this.seq = (this.seq + 1) % Number.MAX_SAFE_INTEGER;
    try {
      const ok = await this.redis.direct.eval(
        SLIDING,
        1,
        `${this.redis.prefix}:rate:${rule.name}:${key}`,
        rule.limit,
        rule.windowMs,
        `${this.node}:${this.seq}`,
      );
      return ok === 1;
    } catch {
      return this.fallback.allow(rule, key);
    }
  }
}
