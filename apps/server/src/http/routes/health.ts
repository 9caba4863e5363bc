import type { HealthResponse, ReadinessResponse } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Deps } from '../../services/deps.js';

export interface Readiness {
  draining(): boolean;
  leader(): boolean;
  /** null on a single node without Redis. */
  redis: (() => Promise<boolean>) | null;
}

async function storageUp(deps: Deps): Promise<boolean> {
  try {
    await sql`select 1`.execute(deps.db);
    return true;
  } catch (err) {
    deps.log.warn({ err }, 'health check: storage down');
    return false;
  }
}

/**
 * `/healthz` is liveness (the process answers; storage state is reported); `/readyz` is
 * readiness: 503 while draining for a shutdown or while storage or Redis is down, so a load
 * balancer sends new connections elsewhere.
 */
export function healthRoutes(app: FastifyInstance, deps: Deps, readiness: Readiness): void {
  app.get('/healthz', async (_request, reply): Promise<HealthResponse> => {
    if (await storageUp(deps)) return { status: 'ok', storage: 'ok' };
    void reply.status(503);
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
