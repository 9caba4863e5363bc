import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/**
 * The Redis connections of one cluster node. Two kinds, on purpose:
 * - `queued` holds commands while Redis is away and sends them when it is back: fan-out
 *   (the Socket.IO adapter's stream) and bus events, which must arrive late rather than never.
 * - `direct` fails at once while Redis is away: presence and rate limits answer from this
 *   node's own memory instead of waiting.
 */
export interface RedisConnections {
  readonly queued: Redis;
  readonly direct: Redis;
  /** In subscriber mode: the other nodes' bus events. */
  readonly subscriber: Redis;
  /** Key prefix of everything this cluster keeps in Redis. */
  readonly prefix: string;
  /** Since when Redis has answered without a break (null while it is away). */
  healthySince(): number | null;
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

export function connectRedis(
  url: string,
  log: Logger,
  opts: { prefix?: string; onError?: () => void } = {},
): RedisConnections {
  // Reconnect quickly at first, then every second: a restarted Redis is found within ~1 s.
  const retryStrategy = (times: number) => Math.min(50 * times, 1000);
  const queued = new Redis(url, { maxRetriesPerRequest: null, retryStrategy });
  const subscriber = new Redis(url, { maxRetriesPerRequest: null, retryStrategy });
  const direct = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy,
    connectTimeout: 2000,
  });
  let healthySince: number | null = null;
  let lastLogged = 0;
  direct.on('ready', () => {
    healthySince = Date.now();
    log.info('redis connected');
  });
  const onDown = (err: Error) => {
    healthySince = null;
    opts.onError?.();
    // Once a second at most: a Redis outage must not flood the log.
    if (Date.now() - lastLogged > 1000) {
      lastLogged = Date.now();
      log.warn({ err: err.message }, 'redis unavailable');
    }
  };
  direct.on('error', onDown);
  // A closed connection is down at once, before any error says so (a killed Redis often
  // closes the socket without one).
  direct.on('close', () => (healthySince = null));
  direct.on('end', () => (healthySince = null));
  queued.on('error', onDown);
  subscriber.on('error', onDown);
  return {
    queued,
    direct,
    subscriber,
    prefix: opts.prefix ?? 'parley',
    healthySince: () => healthySince,
    async ping(timeoutMs = 1000) {
      let timer: NodeJS.Timeout | undefined;
      try {
        const answer = await Promise.race([
          direct.ping(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('redis ping timed out')), timeoutMs);
          }),
        ]);
        return answer === 'PONG';
      } catch {
        return false;
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      const all = [queued, direct, subscriber];
      // QUIT waits for Redis; while it is away, waiting would hold the shutdown.
      await Promise.race([
        Promise.allSettled(all.map((c) => c.quit())),
        new Promise((resolve) => setTimeout(resolve, 1000).unref()),
      ]);
      for (const c of all) c.disconnect();
    },
  };
}
