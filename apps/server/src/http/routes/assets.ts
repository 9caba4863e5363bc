import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { siteOrigins } from '../../origins.js';
import type { Deps } from '../../services/deps.js';
import { findSiteByKey } from '../../services/visitors/visitorSessions.js';

export interface AssetDirs {
  widget: string;
  console: string;
}

/** apps/widget/dist and apps/console/dist, seen from this file in src/ or dist/. */
export function defaultAssetDirs(): AssetDirs {
  const apps = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
  return { widget: path.join(apps, 'widget/dist'), console: path.join(apps, 'console/dist') };
}

function notBuilt(reply: FastifyReply, what: string) {
  return reply
    .status(503)
    .type('text/html; charset=utf-8')
    .send(
      `<!doctype html><meta charset="utf-8"><title>Not built</title><p>The ${what} is not built yet. Run <code>npm run build</code>.</p>`,
    );
}

/**
 * The console (a single-page app under /console/) and the widget (loader.js, the frame page
 * and its hashed assets under /widget/).
 */
export async function assetRoutes(
  app: FastifyInstance,
  deps: Deps,
  dirs: AssetDirs,
): Promise<void> {
  app.get('/', (_request, reply) => reply.redirect('/console/'));
  await widgetAssets(app, deps, dirs);
  await consoleAssets(app, dirs);
}

/** The chat frame page (framed only by the site's own origins) and loader.js with its assets. */
async function widgetAssets(app: FastifyInstance, deps: Deps, dirs: AssetDirs): Promise<void> {
  const frameFile = path.join(dirs.widget, 'frame.html');
  app.get('/widget/frame.html', async (request, reply) => {
    const key = (request.query as { site?: unknown }).site;
    const site =
      typeof key === 'string' && key.length <= 64 ? await findSiteByKey(deps, key) : undefined;
    if (!site) return reply.status(404).type('text/plain; charset=utf-8').send('Unknown site.');
    if (!fs.existsSync(frameFile)) return notBuilt(reply, 'widget');
    const requestOrigin = `${request.protocol}://${request.host}`;
    const ancestors = siteOrigins(deps.config.publicUrl, site.allowed_origins, [requestOrigin]);
    // Only the site's own pages may frame the chat; the frame talks to nothing but us.
    return reply
      .header(
        'content-security-policy',
        [
          "default-src 'self'",
          "connect-src 'self' ws: wss:",
          // Product cards show images of the site's own pages.
          `img-src 'self' data: blob: ${ancestors.join(' ')}`,
          "style-src 'self' 'unsafe-inline'",
          "base-uri 'none'",
          "form-action 'none'",
          `frame-ancestors ${ancestors.join(' ')}`,
        ].join('; '),
      )
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(await fs.promises.readFile(frameFile));
  });

  if (fs.existsSync(dirs.widget)) {
    await app.register(fastifyStatic, {
      root: dirs.widget,
      prefix: '/widget/',
      index: false,
      decorateReply: false,
      setHeaders(res, file) {
        res.header('x-content-type-options', 'nosniff');
        // Hashed assets never change; loader.js keeps its URL, so it is revalidated often.
        res.header(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'public, max-age=300',
        );
      },
    });
  } else {
    app.get('/widget/*', (_request, reply) => notBuilt(reply, 'widget'));
  }
}

/** The console: hashed assets, and index.html for every client-side route. */
async function consoleAssets(app: FastifyInstance, dirs: AssetDirs): Promise<void> {
  const consoleIndex = path.join(dirs.console, 'index.html');
  if (fs.existsSync(consoleIndex)) {
    await app.register(fastifyStatic, {
      root: dirs.console,
      prefix: '/console/',
      index: false,
      wildcard: false,
      decorateReply: false,
      setHeaders(res, file) {
        res.header('x-content-type-options', 'nosniff');
        if (file.includes(`${path.sep}assets${path.sep}`))
          res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  const sendConsole = async (_request: unknown, reply: FastifyReply) => {
    if (!fs.existsSync(consoleIndex)) return notBuilt(reply, 'console');
    return reply
      .header(
        'content-security-policy',
        "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
      )
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(await fs.promises.readFile(consoleIndex));
  };
  // Client-side routes of the single-page app all load the same page.
  app.get('/console', (_request, reply) => reply.redirect('/console/'));
  app.get('/console/', sendConsole);
  app.get('/console/*', sendConsole);
}
