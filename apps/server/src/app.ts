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
import { InProcessBus, type Bus } from './ports/bus.js';
import { systemClock, type Clock } from './ports/clock.js';
import { MemoryPresence, type Presence } from './ports/presence.js';
import { LocalFileStore, type FileStore } from './ports/fileStore.js';
import { createMailer, type Mailer } from './ports/mailer.js';
import path from 'node:path';
import { bootstrap, signDemoCustomer, type BootstrapResult } from './services/bootstrap.js';
import type { Deps } from './services/deps.js';
import { migrate, type Storage } from './storage/database.js';
import { MessageWriter } from './storage/messageWriter.js';
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
}

export interface ParleyApp {
  http: FastifyInstance;
  gateway: Gateway;
  deps: Deps;
  bootstrap: BootstrapResult;
  router: Router;
  /** Stops taking work, commits what was acknowledged or in flight, then closes connections. */
  close(): Promise<void>;
}

/** Builds the whole server without listening: tests call `http.listen({ port: 0 })`. */
export async function buildApp(options: AppOptions): Promise<ParleyApp> {
  const { config, storage, logger } = options;
  const clock = options.clock ?? systemClock;
  await migrate(storage.db, storage.schema);

  const http: FastifyInstance = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: 256 * 1024,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
  });
  const deps: Deps = {
    db: storage.db,
    dialect: storage.dialect,
    writer: new MessageWriter(storage, clock, (err) =>
      logger.error({ err }, 'message batch failed'),
    ),
    bus: options.bus ?? new InProcessBus((err) => logger.error({ err }, 'event subscriber failed')),
    clock,
    presence: options.presence ?? new MemoryPresence(),
    files: options.files ?? new LocalFileStore(path.join(config.dataDir, 'files')),
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
  http.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
  });
  healthRoutes(http, deps);
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

  const boot = await bootstrap(deps);
  await http.register(demoRoutes, {
    siteKey: () => Promise.resolve(boot.demoSite.key),
    signCustomer: () => signDemoCustomer(deps, boot.demoSite.id),
  });

  const gateway = attachGateway(http.server, deps);
  const router = new Router(deps, options.routingTickMs ?? 1000);
  router.start();

  let closing: Promise<void> | null = null;
  return {
    http,
    gateway,
    deps,
    bootstrap: boot,
    router,
    close() {
      closing ??= (async () => {
        await router.stop();
        await deps.writer.close();
        gateway.disconnectAll();
        // A client that stopped reading a download must not hold the shutdown forever.
        const stalled = setTimeout(
          () => http.server.closeAllConnections(),
          Math.min(5000, config.shutdownGraceMs / 2),
        );
        await http.close();
        clearTimeout(stalled);
      })();
      return closing;
    },
  };
}
