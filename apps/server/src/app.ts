import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { demoRoutes } from './demo/index.js';
import { attachGateway, type Gateway } from './gateway/index.js';
import { installErrorHandlers } from './http/errors.js';
import { agentRoutes } from './http/routes/agents.js';
import { assetRoutes, defaultAssetDirs, type AssetDirs } from './http/routes/assets.js';
import { authRoutes } from './http/routes/auth.js';
import { conversationRoutes } from './http/routes/conversations.js';
import { healthRoutes } from './http/routes/health.js';
import { widgetRoutes } from './http/routes/widget.js';
import { widgetLiveRoutes } from './http/routes/widgetLive.js';
import { InProcessBus, RedisBus, type Bus } from './ports/bus.js';
import { systemClock, type Clock } from './ports/clock.js';
import { soleNode, type Leadership } from './ports/leadership.js';
import { MemoryPresence, type Presence } from './ports/presence.js';
import { MemoryRateLimiter, RedisRateLimiter } from './ports/rateLimiter.js';
import { MemoryAttemptLog, RedisAttemptLog } from './ports/attempts.js';
import { connectRedis, type RedisConnections } from './ports/redis.js';
import { RedisPresence } from './ports/redisPresence.js';
import { forgetSettings } from './services/settings.js';
import { PgLeadership } from './storage/pgLeadership.js';
import { withStartupLock } from './storage/startupLock.js';
import { LocalFileStore, type FileStore } from './ports/fileStore.js';
import { createMailer, type Mailer } from './ports/mailer.js';
import { GeoLiteLocator } from './ports/geo.js';
import { Metrics } from './ports/metrics.js';
import { metricsRoutes } from './http/routes/metrics.js';
import { securityHeaders } from './http/securityHeaders.js';
import { queueStats } from './storage/queueStats.js';
import path from 'node:path';
import { bootstrap, signDemoCustomer, type BootstrapResult } from './services/bootstrap.js';
import type { Deps } from './services/deps.js';
import { migrate, type Storage } from './storage/database.js';
import { MessageWriter } from './storage/messageWriter.js';
import { StorageUnavailableError } from './errors.js';
import { Router } from './services/routing/router.js';
import { adminRoutes } from './http/routes/admin.js';
import { visitorAdminRoutes } from './http/routes/visitorAdmin.js';
import { fileRoutes } from './http/routes/files.js';
import { cannedRoutes } from './http/routes/canned.js';

export interface AppOptions {
  config: Config;
  storage: Storage;
  logger: Logger;
  clock?: Clock;
  bus?: Bus;
  presence?: Presence;
  files?: FileStore;
  mailer?: Mailer;
  assets?: AssetDirs;
  /** How often time-driven routing runs (offer timeouts, grace periods); 0 for never (tests tick by hand). */
  routingTickMs?: number;
  /** This app's Prometheus registry; one of its own by default. */
  metrics?: Metrics;
}

export interface ParleyApp {
  http: FastifyInstance;
  gateway: Gateway;
  deps: Deps;
  bootstrap: BootstrapResult;
  router: Router;
  leadership: Leadership;
  /** Set on a cluster node. */
  redis: RedisConnections | null;
  /** Stops taking work, commits what was acknowledged or in flight, then closes connections. */
  close(): Promise<void>;
}

/** Builds the whole server without listening: tests call `http.listen({ port: 0 })`. */
export async function buildApp(options: AppOptions): Promise<ParleyApp> {
  const { config, storage, logger } = options;
  const clock = options.clock ?? systemClock;
  // Nodes started together migrate one after the other.
  await withStartupLock(storage.db, storage.dialect, () => migrate(storage.db, storage.schema));
  const metrics = options.metrics ?? new Metrics({ nodeId: config.nodeId });
  // While the database is away every query fails with STORAGE_UNAVAILABLE: one log line when
  // it goes, one when it is back, and every failed operation counted.
  const unobserve = storage.faults.observe({
    down: (err) =>
      logger.error(
        { err: err.cause ?? err, fault: err.fault },
        'storage unavailable: requests fail with STORAGE_UNAVAILABLE until it answers again',
      ),
    failed: () => metrics.storageError(),
    up: ({ ms, failures }) => logger.info({ downMs: ms, failures }, 'storage available again'),
  });
  metrics.collectQueue(() => queueStats(storage.db, clock.now()));
  const redis = config.redisUrl
    ? connectRedis(config.redisUrl, logger, { onError: () => metrics.redisError() })
    : null;
  const onBusError = (err: unknown) => logger.error({ err }, 'event subscriber failed');
  const bus =
    options.bus ??
    (redis
      ? new RedisBus(
          { publisher: redis.queued, subscriber: redis.subscriber, prefix: redis.prefix },
          config.nodeId,
          onBusError,
        )
      : new InProcessBus(onBusError));
  if (bus instanceof RedisBus) await bus.start();
  let presence = options.presence;
  if (!presence) {
    if (redis) {
      const shared = new RedisPresence(redis, config.nodeId, logger);
      await shared.start();
      presence = shared;
    } else presence = new MemoryPresence();
  }

  const http: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: 256 * 1024,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
  });
  const deps: Deps = {
    db: storage.db,
    dialect: storage.dialect,
    writer: new MessageWriter(
      storage,
      clock,
      (err) => {
        // An outage is counted and logged by the storage observer below, once.
        if (err instanceof StorageUnavailableError) return;
        metrics.storageError();
        logger.error({ err }, 'message batch failed');
      },
      (size, messages) => metrics.batchCommitted(size, messages),
    ),
    bus,
    clock,
    presence,
    rateLimiter: redis ? new RedisRateLimiter(redis, clock) : new MemoryRateLimiter(clock),
    attempts: redis ? new RedisAttemptLog(redis, clock) : new MemoryAttemptLog(clock),
    files: options.files ?? new LocalFileStore(path.join(config.dataDir, 'files')),
    geo: new GeoLiteLocator(),
    mailer:
      options.mailer ??
      createMailer({
        ...(config.mail.smtpUrl ? { smtpUrl: config.mail.smtpUrl } : {}),
        from: config.mail.from,
        outboxDir: config.mail.outboxDir,
        log: logger,
      }),
    config,
    log: logger,
    metrics,
  };

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
  let draining = false;
  // Declared before the routes that report it; the router is built once the routes exist.
  let router: Router | null = null;
  const leadership: Leadership = redis
    ? new PgLeadership(storage.db, logger, (leading) => {
        // A new leader catches up with the timers at once rather than at the next tick.
        if (leading) void router?.tick();
      })
    : soleNode;
  metricsRoutes(http, { config, metrics });
  healthRoutes(http, deps, {
    draining: () => draining,
    leader: () => leadership.isLeader(),
    redis: redis ? () => redis.ping() : null,
  });
  authRoutes(http, deps);
  agentRoutes(http, deps);
  conversationRoutes(http, deps);
  widgetRoutes(http, deps);
  widgetLiveRoutes(http, deps);
  adminRoutes(http, deps);
  await fileRoutes(http, deps);
  // After fileRoutes: profile photos use the multipart parser it registers.
  visitorAdminRoutes(http, deps);
  cannedRoutes(http, deps);
  await assetRoutes(http, deps, options.assets ?? defaultAssetDirs());

  const boot = await withStartupLock(storage.db, storage.dialect, () => bootstrap(deps));
  await http.register(demoRoutes, {
    siteKey: () => Promise.resolve(boot.demoSite.key),
    signCustomer: () => signDemoCustomer(deps, boot.demoSite.id),
  });

  // Each node drops its settings cache when any node changes them.
  bus.subscribeEverywhere(['settings.changed'], () => forgetSettings(deps));
  const gateway = attachGateway(http.server, deps, { redis });
  const routing = new Router(deps, options.routingTickMs ?? 1000, leadership);
  router = routing;
  routing.start();
  leadership.start();

  let closing: Promise<void> | null = null;
  return {
    http,
    gateway,
    deps,
    bootstrap: boot,
    router: routing,
    leadership,
    redis,
    close() {
      closing ??= (async () => {
        // Readiness fails first, so the balancer sends new connections elsewhere.
        draining = true;
        await routing.stop();
        await leadership.stop();
        // Requests being handled get their answers; then whatever is still queued commits.
        await gateway.drain(Math.min(5000, config.shutdownGraceMs / 2));
        await deps.writer.close();
        await gateway.closeConnections(Math.min(2000, config.shutdownGraceMs / 4));
        await deps.presence.close();
        await redis?.close();
        // A client that stopped reading a download must not hold the shutdown forever.
        const stalled = setTimeout(
          () => http.server.closeAllConnections(),
          Math.min(5000, config.shutdownGraceMs / 2),
        );
        await http.close();
        clearTimeout(stalled);
        unobserve();
      })();
      return closing;
    },
  };
}
