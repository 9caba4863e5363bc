import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { InProcessBus, RedisBus, type Bus } from '../ports/bus.js';
import type { Metrics } from '../ports/metrics.js';
import { MemoryPresence, type Presence } from '../ports/presence.js';
import { connectRedis, type RedisConnections } from '../ports/redis.js';
import { RedisPresence } from '../ports/redisPresence.js';

/** What makes a node one of many: Redis, and the bus and presence that go through it. */
export interface ClusterPorts {
  redis: RedisConnections | null;
  bus: Bus;
  presence: Presence;
}

/**
 * One node (no REDIS_URL): an in-process bus and presence in memory. A cluster node: both in
 * Redis. Tests may pass their own bus or presence.
 */
export async function connectClusterPorts(
  config: Config,
  logger: Logger,
  metrics: Metrics,
  given: { bus?: Bus | undefined; presence?: Presence | undefined },
): Promise<ClusterPorts> {
  const redis = config.redisUrl
    ? connectRedis(config.redisUrl, logger, { onError: () => metrics.redisError() })
    : null;
  const onBusError = (err: unknown) => logger.error({ err }, 'event subscriber failed');
  const bus =
    given.bus ??
    (redis
      ? new RedisBus(
          { publisher: redis.queued, subscriber: redis.subscriber, prefix: redis.prefix },
          config.nodeId,
          onBusError,
        )
      : new InProcessBus(onBusError));
  if (bus instanceof RedisBus) await bus.start();
  let presence = given.presence;
  if (!presence) {
    if (redis) {
      const shared = new RedisPresence(redis, config.nodeId, logger);
      await shared.start();
      presence = shared;
    } else presence = new MemoryPresence();
  }
  return { redis, bus, presence };
}
