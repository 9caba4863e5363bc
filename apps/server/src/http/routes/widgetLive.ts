import { API_PREFIX, IdentifyInput, LiveQuery, type IdentifyResponse } from '@parley/protocol';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { logLevelFor, toErrorBody } from '../../errors.js';
import type { Deps } from '../../services/deps.js';
import { identifyVisitor } from '../../services/visitors/identity.js';
import { trackVisitorConnection } from '../../services/visitors/visitorPresence.js';
import { limitVisitor } from '../../services/visitors/abuseLimits.js';
import { recordPageView } from '../../services/visitors/visitors.js';
import { authenticateVisitor, siteChatEnabled } from '../../services/visitors/visitorSessions.js';
import { parseInput } from '../../validation.js';
import { requireVisitor } from '../auth.js';

const HEARTBEAT_MS = 25_000;

/** Token-authenticated (never cookies), so any page embedding the widget may call these. */
function allowAnyOrigin(reply: FastifyReply): void {
  void reply.header('access-control-allow-origin', '*');
}

/**
 * What loader.js calls from the customer's pages, without the chat frame: the page-view event
 * stream (presence, navigation, and pushes such as a proactive invitation) and identify().
 */
export function widgetLiveRoutes(app: FastifyInstance, deps: Deps): void {
  const base = `${API_PREFIX}/widget`;
  const streams = new Map<string, Set<ServerResponse>>();

  const send = (res: ServerResponse, event: string, data: unknown) =>
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

  // Whichever node made the invitation, the node holding the visitor's page stream pushes it.
  deps.bus.subscribeEverywhere(['proactive.changed'], (e) => {
    if (e.type !== 'proactive.changed' || e.invitation.status !== 'pending') return;
    for (const res of streams.get(e.invitation.visitorId) ?? [])
      send(res, 'invitation', e.invitation);
  });

  for (const path of ['sessions', 'identify']) {
    app.options(`${base}/${path}`, (_request, reply) => {
      allowAnyOrigin(reply);
      return reply
        .header('access-control-allow-methods', 'POST')
        .header('access-control-allow-headers', 'authorization, content-type')
        .header('access-control-max-age', '600')
        .status(204)
        .send();
    });
  }

  app.post(`${base}/identify`, async (request, reply): Promise<IdentifyResponse> => {
    allowAnyOrigin(reply);
    const visitor = await requireVisitor(deps, request);
    const input = parseInput(IdentifyInput, request.body);
    return { visitor: await identifyVisitor(deps, visitor, input, request.ip || null) };
  });

  pageStreamRoutes(app, deps, base, streams, send);
}

/**
 * GET /widget/live: one event stream per open page, for presence and navigation, and the
 * pushes the node holding it delivers (`streams`, by visitor).
 */
function pageStreamRoutes(
  app: FastifyInstance,
  deps: Deps,
  base: string,
  streams: Map<string, Set<ServerResponse>>,
  send: (res: ServerResponse, event: string, data: unknown) => boolean,
): void {
  // The token rides in the query (EventSource sends no headers), so this route is not logged.
  app.get(`${base}/live`, { logLevel: 'warn' }, async (request, reply) => {
    allowAnyOrigin(reply);
    const query = parseInput(LiveQuery, request.query);
    const visitor = await authenticateVisitor(deps, query.t);
    const refuse = (code: 'UNAUTHENTICATED' | 'CHAT_DISABLED' | 'RATE_LIMITED') => {
      // 200 with a final event: an EventSource cannot read the body of an error status.
      void reply
        .type('text/event-stream')
        .header('cache-control', 'no-store')
        .send(`event: refused\ndata: ${JSON.stringify({ code })}\n\n`);
      return reply;
    };
    if (!visitor) return refuse('UNAUTHENTICATED');
    // Per visitor and per address: a new session from the same address does not start afresh.
    const limited = await limitVisitor(deps, 'pageViews', {
      visitorId: visitor.id,
      ip: request.ip || null,
    }).then(
      () => false,
      () => true,
    );
    if (limited) return refuse('RATE_LIMITED');
    if (!(await siteChatEnabled(deps, visitor.site_id))) return refuse('CHAT_DISABLED');

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      'access-control-allow-origin': '*',
    });
    res.write('retry: 5000\n\n');
    let set = streams.get(visitor.id);
    if (!set) streams.set(visitor.id, (set = new Set()));
    set.add(res);
    deps.metrics?.pageStreamOpened();
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const connectionId = `live:${randomBytes(8).toString('hex')}`;
    try {
      const { stillHere } = await trackVisitorConnection(deps, visitor.id, connectionId, (close) =>
        res.on('close', () => {
          deps.metrics?.pageStreamClosed();
          clearInterval(heartbeat);
          const s = streams.get(visitor.id);
          s?.delete(res);
          if (s?.size === 0) streams.delete(visitor.id);
          close();
        }),
      );
      const { t: _token, ...view } = query;
      await recordPageView(deps, visitor, view, {
        ip: request.ip || null,
        userAgent: request.headers['user-agent'],
        stillHere,
      });
      send(res, 'ready', { visitorId: visitor.id });
    } catch (err) {
      deps.log[logLevelFor(err, 'warn')]({ err }, 'page view not recorded');
      send(res, 'error', toErrorBody(err));
    }
  });

  // Server shutdown: end the streams so HTTP close is not held up by them.
  app.addHook('preClose', (done) => {
    for (const set of streams.values()) for (const res of set) res.end();
    streams.clear();
    done();
  });
}
