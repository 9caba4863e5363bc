import { createHash, randomBytes } from 'node:crypto';
import { RateWindow } from '../rateWindow.js';
import type { Clock } from './clock.js';
import type { RedisConnections } from './redis.js';

/** A named abuse limit: at most `limit` events per key within `windowMs`. */
export interface RateRule {
  readonly name: string;
  readonly limit: number;
  readonly windowMs: number;
}

/** One count to take: `key` under `rule`. */
export interface RateCheck {
  readonly rule: RateRule;
  readonly key: string;
}

export type RateVerdict =
  | { readonly ok: true }
  /** `rule` is the first check found at its limit; `retryAfterMs` until it has room again. */
  | { readonly ok: false; readonly rule: RateRule; readonly retryAfterMs: number };

export interface RateLimiter {
  /** Counts one event for `key` under `rule`; false (and not counted) when the limit is reached. */
  allow(rule: RateRule, key: string): Promise<boolean>;
  /**
   * Counts one event under every check, or under none when any is at its limit: a refused
   * request never uses up another limit's room.
   */
  take(checks: readonly RateCheck[]): Promise<RateVerdict>;
}

const OK: RateVerdict = { ok: true };

/** One process's count: a single node, or a cluster node while Redis is away. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, RateWindow>();

  constructor(
    private readonly clock: Clock,
    /** Keys remembered per rule; beyond it the least recently used key is forgotten. */
    private readonly maxKeys = 100_000,
  ) {}

  private window(rule: RateRule): RateWindow {
    let w = this.windows.get(rule.name);
    if (!w)
      this.windows.set(rule.name, (w = new RateWindow(rule.limit, rule.windowMs, this.maxKeys)));
    return w;
  }

  allow(rule: RateRule, key: string): Promise<boolean> {
    return Promise.resolve(this.window(rule).allow(key, this.clock.now()));
  }

  take(checks: readonly RateCheck[]): Promise<RateVerdict> {
    return Promise.resolve(this.takeNow(checks));
  }

  /** Synchronous, so nothing else runs between the checks and the counts. */
  takeNow(checks: readonly RateCheck[]): RateVerdict {
    const now = this.clock.now();
    for (const { rule, key } of checks) {
      const wait = this.window(rule).wait(key, now);
      if (wait > 0) return { ok: false, rule, retryAfterMs: wait };
    }
    for (const { rule, key } of checks) this.window(rule).hit(key, now);
    return OK;
  }
}

// A sliding window per key in a sorted set, scored by Redis's clock. Every key is checked
// before any is counted; refused: the index of the full key and the ms until it has room.
const SLIDING = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
for i, key in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i - 1])
  local win = tonumber(ARGV[2 * i])
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - win)
  local n = redis.call('ZCARD', key)
  if n >= limit then
    local oldest = redis.call('ZRANGE', key, n - limit, n - limit, 'WITHSCORES')
    return {i, tonumber(oldest[2]) + win - now}
  end
end
local member = ARGV[#ARGV]
for i, key in ipairs(KEYS) do
  redis.call('ZADD', key, now, member)
  redis.call('PEXPIRE', key, ARGV[2 * i])
end
return {0, 0}`;
const SLIDING_SHA = createHash('sha1').update(SLIDING).digest('hex');

/**
 * The cluster's count, shared by every node: one round trip per request, however many checks
 * it takes. While Redis is away each node falls back to its own count, so a flood is still
 * limited per node rather than let through.
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
    return (await this.take([{ rule, key }])).ok;
  }

  async take(checks: readonly RateCheck[]): Promise<RateVerdict> {
    if (checks.length === 0) return OK;
    this.seq = (this.seq + 1) % Number.MAX_SAFE_INTEGER;
    const keys = checks.map((c) => `${this.redis.prefix}:rate:${c.rule.name}:${c.key}`);
    const args = [
      ...checks.flatMap((c) => [c.rule.limit, c.rule.windowMs]),
      `${this.node}:${this.seq}`,
    ];
    try {
      const [index, wait] = (await this.run(keys, args)) as [number, number];
      return index === 0 ? OK : { ok: false, rule: checks[index - 1]!.rule, retryAfterMs: wait };
    } catch {
      return this.fallback.takeNow(checks);
    }
  }

  /** EVALSHA, loading the script once per Redis (it forgets scripts on restart). */
  private async run(keys: string[], args: Array<string | number>): Promise<unknown> {
    const direct = this.redis.direct;
    try {
      return await direct.evalsha(SLIDING_SHA, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.startsWith('NOSCRIPT')) throw err;
      return direct.eval(SLIDING, keys.length, ...keys, ...args);
    }
  }
}
