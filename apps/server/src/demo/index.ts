import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DemoContext } from './layout.js';
import { productImage } from './images.js';
import { homePage, notFoundPage, productPage } from './pages.js';
import { findProduct } from './products.js';

export interface DemoOptions {
  /** The demo site's widget key, read per request so a reset database is picked up. */
  siteKey: () => Promise<string>;
  /** Signs the demo customer's identity with the demo site's secret (null: no secret). */
  signCustomer?: () => Promise<string | null>;
}

const CUSTOMER_COOKIE = 'parley_demo_customer';

const html = (reply: FastifyReply, body: string, status = 200) =>
  reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-cache')
    .send(body);

/** A small server-rendered shop at /demo that embeds the widget like any customer site would. */
export async function demoRoutes(app: FastifyInstance, opts: DemoOptions): Promise<void> {
  const context = async (request: FastifyRequest): Promise<DemoContext> => ({
    siteKey: await opts.siteKey(),
    customerJwt:
      request.cookies?.[CUSTOMER_COOKIE] === '1' && opts.signCustomer
        ? await opts.signCustomer()
        : null,
  });
  const back = (request: FastifyRequest) => {
    // Only back to a demo page: never an open redirect.
    const referer = request.headers.referer;
    try {
      const path = referer ? new URL(referer).pathname : '/demo';
      return path.startsWith('/demo') ? path : '/demo';
    } catch {
      return '/demo';
    }
  };

  // The sign-in buttons are plain HTML forms; their (empty) body is not read.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 1024 },
    (_request, _body, done) => done(null, {}),
  );

  app.get('/demo', async (request, reply) => html(reply, homePage(await context(request))));
  app.post('/demo/sign-in', (request, reply) =>
    reply
      .setCookie(CUSTOMER_COOKIE, '1', { path: '/demo', httpOnly: true, sameSite: 'lax' })
      .redirect(back(request), 303),
  );
  app.post('/demo/sign-out', (request, reply) =>
    reply.clearCookie(CUSTOMER_COOKIE, { path: '/demo' }).redirect(back(request), 303),
  );
  app.get('/demo/', (_request, reply) => reply.redirect('/demo'));

  app.get<{ Params: { slug: string } }>('/demo/products/:slug', async (request, reply) => {
    const product = findProduct(request.params.slug);
    const ctx = await context(request);
    if (!product) return html(reply, notFoundPage(ctx), 404);
    const origin = `${request.protocol}://${request.host}`;
    return html(reply, productPage(product, origin, ctx));
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

  app.get('/demo/*', async (request, reply) =>
    html(reply, notFoundPage(await context(request)), 404),
  );
}
