import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '../test/redisServer.js';
import { MemoryRateLimiter, RedisRateLimiter, type RateRule } from './rateLimiter.js';
import { connectRedis, type RedisConnections } from './redis.js';

const visitorRule: RateRule = { name: 'test-visitor', limit: 3, windowMs: 10_000 };
const addressRule: RateRule = { name: 'test-ip', limit: 4, windowMs: 60_000 };
const rnd = () => Math.random().toString(36).slice(2, 10);

/** The limiter's connection fails at once while not connected: wait until it is. */
async function answering(c: RedisConnections): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await c.ping(500))) {
    if (Date.now() > deadline) throw new Error('Redis never answered the limiter connection');
    await new Promise<void>((resolve) => c.direct.once('ready', () => resolve()));
  }
}

describe('MemoryRateLimiter', () => {
  it('takes every count or none, and says when the full one has room again', async () => {
    let now = 1_000_000;
    const limiter = new MemoryRateLimiter({ now: () => now });
    const checks = (visitor: string) => [
      { rule: visitorRule, key: visitor },
      { rule: addressRule, key: '192.0.2.1' },
    ];
    for (let i = 0; i < 3; i++) {
      expect((await limiter.take(checks('a'))).ok).toBe(true);
      now += 1000;
    }
    // 'a' is full: the address's count is not used up by the refusal.
    expect(await limiter.take(checks('a'))).toEqual({
      ok: false,
      rule: visitorRule,
      retryAfterMs: 7000,
    });
    expect((await limiter.take(checks('b'))).ok).toBe(true);
    const byAddress = await limiter.take(checks('c'));
    expect(byAddress.ok || byAddress.rule).toBe(addressRule);
    now += 7000;
    expect(await limiter.take([{ rule: visitorRule, key: 'a' }])).toEqual({ ok: true });
  });
});

describe('RedisRateLimiter', () => {
  let redis: TestRedis;
  const connections: RedisConnections[] = [];
  const node = () => {
    const c = connectRedis(redis.url, pino({ level: 'silent' }), { prefix: `t${rnd()}` });
    connections.push(c);
    return c;
  };

  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    for (const c of connections) await c.close();
    await redis.stop();
  });

  it('shares one count between the nodes of a cluster', async () => {
    const shared = node();
    await answering(shared);
    const clock = { now: () => Date.now() };
    // Two nodes: two limiters, each with its own connections, on one Redis and prefix.
    const other = connectRedis(redis.url, pino({ level: 'silent' }), { prefix: shared.prefix });
    connections.push(other);
    await answering(other);
    const one = new RedisRateLimiter(shared, clock);
    const two = new RedisRateLimiter(other, clock);
    const key = `visitor-${rnd()}`;
    const checks = [
      { rule: visitorRule, key },
      { rule: addressRule, key: `ip-${rnd()}` },
    ];
    expect((await one.take(checks)).ok).toBe(true);
    expect((await two.take(checks)).ok).toBe(true);
    expect((await one.take(checks)).ok).toBe(true);
    const refused = await two.take(checks);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.rule).toBe(visitorRule);
    expect(refused.retryAfterMs).toBeGreaterThan(9000);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(10_000);
    // The refusal counted nowhere: the address has room for exactly one more.
    const address = [{ rule: addressRule, key: checks[1]!.key }];
    expect((await one.take(address)).ok).toBe(true);
    expect((await two.take(address)).ok).toBe(false);
  });

  it('limits each node by itself while Redis is away, and shares again once it is back', async () => {
    const c = node();
    await answering(c);
    const limiter = new RedisRateLimiter(c, { now: () => Date.now() });
    const key = `visitor-${rnd()}`;
    await redis.stop();
    try {
      for (let i = 0; i < 3; i++)
        expect((await limiter.take([{ rule: visitorRule, key }])).ok).toBe(true);
      expect((await limiter.take([{ rule: visitorRule, key }])).ok).toBe(false);
    } finally {
      await redis.start();
    }
    await answering(c);
    // Redis restarted empty and the script is loaded again: a fresh shared count.
    expect((await limiter.take([{ rule: visitorRule, key }])).ok).toBe(true);
  });
});
