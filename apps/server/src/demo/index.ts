import type { FastifyInstance, FastifyReply } from 'fastify';
import { productImage } from './images.js';
import { homePage, notFoundPage, productPage } from './pages.js';
import { findProduct } from './products.js';

export interface DemoOptions {
  /** The demo site's widget key, read per request so a reset database is picked up. */
  siteKey: () => Promise<string>;
}

const html = (reply: FastifyReply, body: string, status = 200) =>
  reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .send(body);

/** A small server-rendered shop at /demo that embeds the widget like any customer site would. */
export async function demoRoutes(app: FastifyInstance, opts: DemoOptions): Promise<void> {
  app.get('/demo', async (_request, reply) => html(reply, homePage(await opts.siteKey())));
  app.get('/demo/', (_request, reply) => reply.redirect('/demo'));

  app.get<{ Params: { slug: string } }>('/demo/products/:slug', async (request, reply) => {
    const product = findProduct(request.params.slug);
    const siteKey = await opts.siteKey();
    if (!product) return html(reply, notFoundPage(siteKey), 404);
    const origin = `${request.protocol}://${request.host}`;
    return html(reply, productPage(product, origin, siteKey));
  });

  app.get<{ Params: { file: string } }>('/demo/images/:file', async (request, reply) => {
    const slug = request.params.file.endsWith('.svg') ? request.params.file.slice(0, -4) : '';
    const svg = slug ? productImage(slug) : undefined;
    if (!svg) return reply.status(404).type('text/plain; charset=utf-8').send('Not found.');
    return reply
      .type('image/svg+xml; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      .send(svg);
  });

  app.get('/demo/*', async (_request, reply) =>
    html(reply, notFoundPage(await opts.siteKey()), 404),
  );
}
