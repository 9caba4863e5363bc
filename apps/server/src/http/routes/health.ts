import type { HealthResponse, ReadinessResponse } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { logLevelFor } from '../../errors.js';
import type { Deps } from '../../services/deps.js';

export interface Readiness {
  draining(): boolean;
  leader(): boolean;
  /** null on a single node without Redis. */
  redis: (() => Promise<boolean>) | null;
}

/** A probe that gets no answer within this long counts as storage down. */
const PROBE_TIMEOUT_MS = 2000;

async function storageUp(deps: Deps): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      sql`select 1`.execute(deps.db).then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
      }),
    ]);
  } catch (err) {
    // An outage is logged once by the storage layer, not at every probe of a balancer.
    deps.log[logLevelFor(err, 'warn')]({ err }, 'health check: storage down');
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `/healthz` is liveness: 200 while the process answers, with the storage state reported
 * (a restart would not bring the database back). `/readyz` is readiness: 503 while draining
 * for a shutdown or while storage or Redis is down, so a load balancer sends new connections
 * elsewhere.
 */
export function healthRoutes(app: FastifyInstance, deps: Deps, readiness: Readiness): void {
  app.get('/healthz', async (): Promise<HealthResponse> => {
    if (await storageUp(deps)) return { status: 'ok', storage: 'ok' };
    return { status: 'degraded', storage: 'down' };
  });

  app.get('/readyz', { logLevel: 'warn' }, async (_request, reply): Promise<ReadinessResponse> => {
    const [storage, redis] = await Promise.all([
      storageUp(deps),
      readiness.redis ? readiness.redis() : Promise.resolve(null),
    ]);
    const draining = readiness.draining();
    const ready = !draining && storage && redis !== false;
    if (!ready) void reply.status(503);
    return {
      status: ready ? 'ready' : draining ? 'draining' : 'unavailable',
      node: deps.config.nodeId,
      leader: readiness.leader(),
      storage: storage ? 'ok' : 'down',
      redis: redis === null ? 'none' : redis ? 'ok' : 'down',
    };
  });
}
