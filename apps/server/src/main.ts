import pino from 'pino';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openStorage } from './storage/database.js';

/** Composition root: config, storage, app, listen, and a graceful stop on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = pino({ level: config.logLevel, base: { service: 'parley' } });
  const storage = openStorage(config.database);
  const app = await buildApp({ config, storage, logger });
  await app.http.listen({ port: config.port, host: config.host });

  const base = config.publicUrl;
  const lines = [
    '',
    `  Parley is running (${storage.dialect === 'sqlite' ? `SQLite at ${config.database.kind === 'sqlite' ? config.database.file : ''}` : 'PostgreSQL'}${config.redisUrl ? `, cluster node ${config.nodeId} with Redis` : ''})`,
    `  Agent console:  ${base}/console/`,
    `  Demo shop:      ${base}/demo`,
    `  Health:         ${base}/healthz`,
  ];
  const admin = app.bootstrap.createdAdmin;
  if (admin) {
    lines.push(
      '',
      '  First admin created. Sign in to the console with:',
      `    Email:    ${admin.email}`,
      admin.generated
        ? `    Password: ${admin.password}`
        : '    Password: (the one in PARLEY_ADMIN_PASSWORD)',
      admin.generated ? '  This password is shown only once; change it after signing in.' : '',
    );
  }
  // The banner is for the person who ran `npm start`; logs stay structured.
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownGraceMs);
    force.unref();
    app
      .close()
      .then(() => storage.close())
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      })
      .catch((err: unknown) => {
        logger.error({ err }, 'error during shutdown');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `Parley failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
