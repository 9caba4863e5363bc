import type { HealthResponse, ReadinessResponse } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.js';
import { storageUp } from '../../services/health.js';

export interface Readiness {
  draining(): boolean;
  leader(): boolean;
  /** null on a single node without Redis. */
  redis: (() => Promise<boolean>) | null;
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
