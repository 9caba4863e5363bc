import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, toErrorBody } from '../errors.js';

/** Fastify's own errors mapped to our stable codes; anything unknown is INTERNAL and logged. */
function fromFastify(err: FastifyError): AppError | null {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('VALIDATION_FAILED', 'The request body is not valid JSON.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('VALIDATION_FAILED', 'Send JSON with Content-Type: application/json.');
    default:
      return null;
  }
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const known = err instanceof AppError ? err : fromFastify(err);
    if (!known) request.log.error({ err }, 'request failed');
    const appErr = known ?? new AppError('INTERNAL');
    // A refusal for a window says when to come back, in the body and in the standard header.
    const retryAfter = appErr.details?.retryAfter;
    if (appErr.code === 'RATE_LIMITED' && retryAfter) void reply.header('retry-after', retryAfter);
    void reply.status(appErr.status).send({ error: toErrorBody(appErr) });
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) {
      void reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No such API route.' } });
      return;
    }
    void reply
      .status(404)
      .type('text/html; charset=utf-8')
      .send(
        '<!doctype html><meta charset="utf-8"><title>Not found</title><p>Page not found. Try <a href="/console/">the console</a> or <a href="/demo">the demo shop</a>.</p>',
      );
  });
}
