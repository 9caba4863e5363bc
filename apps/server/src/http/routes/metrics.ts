import { createHash, timingSafeEqual } from 'node:crypto';
import { isIPv4 } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { Metrics } from '../../ports/metrics.js';
import type { Deps } from '../../services/deps.js';

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (::ffff:127.0.0.1). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (isIPv4(v4)) return v4.startsWith('127.');
  return address === '::1' || address === '0:0:0:0:0:0:0:1';
}

/** Equal tokens, compared in constant time whatever their lengths. */
function sameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

/**
 * Who may read /metrics:
 * - METRICS_TOKEN set: whoever sends `Authorization: Bearer <token>`; nobody else (401).
 * - unset: a process on this machine only. The TCP peer must be a loopback address and the
 *   request must not have come through a proxy (no X-Forwarded-For / Forwarded): a balancer on
 *   the same host would otherwise make every outside request look local. Else 403.
 * X-Forwarded-For never grants access; the peer address is `request.socket.remoteAddress`.
 */
function refusal(request: FastifyRequest, token: string | null): AppError | null {
  if (token !== null) {
    const given = bearer(request);
    if (given !== null && sameToken(given, token)) return null;
    return new AppError('UNAUTHENTICATED', 'Send Authorization: Bearer <METRICS_TOKEN>.');
  }
  const proxied =
    request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  if (isLoopback(request.socket.remoteAddress) && !proxied) return null;
  return new AppError(
    'FORBIDDEN',
    'Metrics are served to local addresses only; set METRICS_TOKEN to read them from elsewhere.',
  );
}

/** GET /metrics: Prometheus text format for this node. */
export function metricsRoutes(
  app: FastifyInstance,
  deps: Pick<Deps, 'config'> & { metrics: Metrics },
): void {
  // Scraped every few seconds: not worth a log line each time.
  app.get('/metrics', { logLevel: 'warn' }, async (request, reply) => {
    const refused = refusal(request, deps.config.metricsToken);
    if (refused) {
      if (refused.status === 401) void reply.header('www-authenticate', 'Bearer');
      return reply.status(refused.status).send({ error: refused.toBody() });
    }
    const body = await deps.metrics.render();
    return reply.header('cache-control', 'no-store').type(deps.metrics.contentType).send(body);
  });
}
