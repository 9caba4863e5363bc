import type { HealthResponse } from '@parley/protocol';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Deps } from '../../services/deps.js';

export function healthRoutes(app: FastifyInstance, deps: Deps): void {
  app.get('/healthz', async (request, reply): Promise<HealthResponse> => {
    try {
      await sql`select 1`.execute(deps.db);
      return { status: 'ok', storage: 'ok' };
    } catch (err) {
      request.log.warn({ err }, 'health check: storage down');
      void reply.status(503);
      return { status: 'degraded', storage: 'down' };
    }
  });
}
