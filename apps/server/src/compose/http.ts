import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { installErrorHandlers } from '../http/errors.js';
import { securityHeaders } from '../http/securityHeaders.js';

/** Fastify with Parley's limits, error bodies, JSON parsing, cookies and security headers. */
export async function createHttp(config: Config, logger: Logger): Promise<FastifyInstance> {
  const http: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: 256 * 1024,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
  });
  installErrorHandlers(http);
  // Action routes (accept, close, logout) take no body; clients may still send the JSON header.
  const parseJson = http.getDefaultJsonParser('error', 'error');
  http.removeContentTypeParser('application/json');
  http.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, body.toString(), done);
  });
  await http.register(fastifyCookie);
  await securityHeaders(http, config.publicUrl);
  return http;
}
