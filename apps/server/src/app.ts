import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { connectClusterPorts } from './compose/cluster.js';
import { createHttp } from './compose/http.js';
import { registerRoutes } from './compose/routes.js';
import type { Config } from './config.js';
import { demoRoutes } from './demo/index.js';
import { StorageUnavailableError } from './errors.js';
import { attachGateway, type Gateway } from './gateway/index.js';
import { defaultAssetDirs, type AssetDirs } from './http/routes/assets.js';
import { MemoryAttemptLog, RedisAttemptLog } from './ports/attempts.js';
import type { Bus } from './ports/bus.js';
import { systemClock, type Clock } from './ports/clock.js';
import { LocalFileStore, type FileStore } from './ports/fileStore.js';
import { GeoLiteLocator } from './ports/geo.js';
import { soleNode, type Leadership } from './ports/leadership.js';
import { createMailer, type Mailer } from './ports/mailer.js';
import { Metrics } from './ports/metrics.js';
import type { Presence } from './ports/presence.js';
import { MemoryRateLimiter, RedisRateLimiter } from './ports/rateLimiter.js';
import type { RedisConnections } from './ports/redis.js';
import { bootstrap, signDemoCustomer, type BootstrapResult } from './services/bootstrap.js';
import type { Deps } from './services/deps.js';
import { removeQueuedFiles } from './services/privacy/fileRemovals.js';
import { Router } from './services/routing/router.js';
import { forgetSettings } from './services/settings/settings.js';
import { startInboundMail } from './services/tickets/inboundMail.js';
import type { InboundSmtp } from './ports/inboundSmtp.js';
import { migrate, type Storage } from './storage/database.js';
import { MessageWriter } from './storage/messageWriter.js';
import { PgLeadership } from './storage/pgLeadership.js';
import { queueStats } from './storage/queueStats.js';
import { SearchIndexer } from './storage/searchIndexer.js';
import { withStartupLock } from './storage/startupLock.js';

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
  /** The ticket mail listener, when INBOUND_SMTP_PORT is set. */
  inboundSmtp: InboundSmtp | null;
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
  const unobserve = observeStorage(storage, logger, metrics);
  metrics.collectQueue(() => queueStats(storage.db, clock.now()));
  const { redis, bus, presence } = await connectClusterPorts(config, logger, metrics, options);
  const http = await createHttp(config, logger);
  const deps = buildDeps(options, { clock, metrics, redis, bus, presence });

  let draining = false;
  // Declared before the routes that report it; the router is built once the routes exist.
  let router: Router | null = null;
  const leadership: Leadership = redis
    ? new PgLeadership(storage.db, logger, (leading) => {
        // A new leader catches up with the timers at once rather than at the next tick.
        if (leading) void router?.tick();
      })
    : soleNode;
  await registerRoutes(http, deps, {
    metrics,
    readiness: {
      draining: () => draining,
      leader: () => leadership.isLeader(),
      redis: redis ? () => redis.ping() : null,
    },
    assets: options.assets ?? defaultAssetDirs(),
  });

  const boot = await withStartupLock(storage.db, storage.dialect, () => bootstrap(deps));
  // Files whose rows an erasure deleted before a crash: their bytes go now.
  void removeQueuedFiles(deps).catch((err: unknown) =>
    logger.warn({ err }, 'erasure: queued file removals failed; the next erasure retries'),
  );
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
  const inboundSmtp = await startInboundMail(deps);
  // Indexes at once what a crash left pending, then what each send queues.
  const indexer = new SearchIndexer(storage, (err) =>
    logger.error({ err }, 'search indexing failed: searches still find pending messages'),
  );
  indexer.start();

  const close = closer(
    { http, gateway, deps, routing, leadership, redis, config, indexer, inboundSmtp },
    () => {
      draining = true;
    },
    unobserve,
  );
  return {
    http,
    gateway,
    deps,
    bootstrap: boot,
    router: routing,
    leadership,
    redis,
    inboundSmtp,
    close,
  };
}

/**
 * While the database is away every query fails with STORAGE_UNAVAILABLE: one log line when it
 * goes, one when it is back, and every failed operation counted. Returns the unsubscribe.
 */
function observeStorage(storage: Storage, logger: Logger, metrics: Metrics): () => void {
  return storage.faults.observe({
    down: (err) =>
      logger.error(
        { err: err.cause ?? err, fault: err.fault },
        'storage unavailable: requests fail with STORAGE_UNAVAILABLE until it answers again',
      ),
    failed: () => metrics.storageError(),
    up: ({ ms, failures }) => logger.info({ downMs: ms, failures }, 'storage available again'),
  });
}

/** Everything a use case may touch, for this node. */
function buildDeps(
  options: AppOptions,
  ports: {
    clock: Clock;
    metrics: Metrics;
    redis: RedisConnections | null;
    bus: Bus;
    presence: Presence;
  },
): Deps {
  const { config, storage, logger } = options;
  const { clock, metrics, redis } = ports;
  return {
    store: storage.db,
    dialect: storage.dialect,
    writer: new MessageWriter(
      storage,
      clock,
      (err) => {
        // An outage is counted and logged by the storage observer, once.
        if (err instanceof StorageUnavailableError) return;
        metrics.storageError();
        logger.error({ err }, 'message batch failed');
      },
      (size, messages) => metrics.batchCommitted(size, messages),
    ),
    bus: ports.bus,
    clock,
    presence: ports.presence,
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
}

/**
 * The graceful stop, in the order docs/guarantees.md promises: readiness fails first (the
 * balancer sends new connections elsewhere), timers stop, requests being handled get their
 * answers, whatever is still queued commits, then connections close.
 */
function closer(
  parts: {
    http: FastifyInstance;
    gateway: Gateway;
    deps: Deps;
    routing: Router;
    leadership: Leadership;
    redis: RedisConnections | null;
    config: Config;
    indexer: SearchIndexer;
    inboundSmtp: InboundSmtp | null;
  },
  startDraining: () => void,
  unobserve: () => void,
): () => Promise<void> {
  const { http, gateway, deps, routing, leadership, redis, config, indexer, inboundSmtp } = parts;
  let closing: Promise<void> | null = null;
  return () => {
    closing ??= (async () => {
      startDraining();
      // Senders mid-delivery get a temporary failure and retry; mail is never half-stored.
      await inboundSmtp?.close();
      await routing.stop();
      await leadership.stop();
      await gateway.drain(Math.min(5000, config.shutdownGraceMs / 2));
      await deps.writer.close();
      await indexer.stop();
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
  };
}
