import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRoutes } from './index.js';
import { products } from './products.js';

// A key with every character that matters to HTML, to prove it is escaped where embedded.
const NASTY_KEY = `k"><script>alert('x')</script>&`;
const ESCAPED_KEY = 'k&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;';

function loaderTags(html: string): string[] {
  return html.match(/<script[^>]*\/widget\/loader\.js[^>]*><\/script>/g) ?? [];
}

async function build(siteKey: string): Promise<FastifyInstance> {
  const app = Fastify();
  await app.register(fastifyCookie);
  await app.register(demoRoutes, {
    siteKey: async () => siteKey,
    signCustomer: async () => 'header.payload.signature',
  });
  await app.ready();
  return app;
}

describe('demo shop', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await build('site_abc123');
  });
  afterAll(() => app.close());

  it('renders the home page with every product and one widget tag', async () => {
    const res = await app.inject({ method: 'GET', url: '/demo' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    for (const p of products) {
      expect(res.body).toContain(`href="/demo/products/${p.slug}"`);
      expect(res.body).toContain(p.name.replace(/&/g, '&amp;'));
    }
    expect(loaderTags(res.body)).toEqual([
      '<script async src="/widget/loader.js" data-site="site_abc123"></script>',
    ]);
  });

  it('renders each product page with its price, image and product meta tags', async () => {
    expect(products.length).toBeGreaterThanOrEqual(3);
    for (const p of products) {
      const res = await app.inject({
        method: 'GET',
        url: `/demo/products/${p.slug}`,
        headers: { host: 'shop.test' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`<h1>${p.name}</h1>`);
      expect(res.body).toContain(`/demo/images/${p.slug}.svg`);
      expect(res.body).toContain('<meta property="og:type" content="product">');
      expect(res.body).toContain(
        `<meta property="og:image" content="http://shop.test/demo/images/${p.slug}.svg">`,
      );
      expect(res.body).toContain(
        `<meta property="product:price:amount" content="${(p.priceCents / 100).toFixed(2)}">`,
      );
      const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(res.body)?.[1];
      expect(JSON.parse(ld ?? 'null')).toMatchObject({
        '@type': 'Product',
        name: p.name,
        sku: p.sku,
      });
      expect(loaderTags(res.body)).toHaveLength(1);
    }
  });

  it('serves the product drawings as SVG', async () => {
    for (const p of products) {
      const res = await app.inject({ method: 'GET', url: `/demo/images/${p.slug}.svg` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(res.body.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(res.body).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    }
    expect((await app.inject({ method: 'GET', url: '/demo/images/nope.svg' })).statusCode).toBe(
      404,
    );
    expect(
      (await app.inject({ method: 'GET', url: `/demo/images/${products[0]!.slug}.png` }))
        .statusCode,
    ).toBe(404);
  });

  it('answers an unknown product with a 404 page that still offers the chat', async () => {
    const res = await app.inject({ method: 'GET', url: '/demo/products/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('Back to the shop');
    expect(loaderTags(res.body)).toHaveLength(1);
  });

  it('escapes the site key where it is embedded', async () => {
    const nasty = await build(NASTY_KEY);
    try {
      for (const url of ['/demo', `/demo/products/${products[0]!.slug}`, '/demo/products/nope']) {
        const res = await nasty.inject({ method: 'GET', url });
        expect(res.body).toContain(
          `<script async src="/widget/loader.js" data-site="${ESCAPED_KEY}"></script>`,
        );
        expect(res.body).not.toContain(NASTY_KEY);
        expect(res.body).not.toContain('<script>alert');
      }
    } finally {
      await nasty.close();
    }
  });

  it('signs in a demo customer whose identity the page hands to the widget, and signs out', async () => {
    const anonymous = await app.inject({ method: 'GET', url: '/demo' });
    expect(anonymous.body).not.toContain("'identify'");
    expect(anonymous.body).toContain('action="/demo/sign-in"');

    const signIn = await app.inject({
      method: 'POST',
      url: '/demo/sign-in',
      // What a browser's form post sends.
      headers: {
        referer: 'http://shop.test/demo/products/terracotta-planter',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: '',
    });
    expect(signIn.statusCode).toBe(303);
    expect(signIn.headers.location).toBe('/demo/products/terracotta-planter');
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    const signedIn = await app.inject({ method: 'GET', url: '/demo', headers: { cookie } });
    expect(signedIn.body).toContain('["identify",{"jwt":"header.payload.signature"}]');
    expect(signedIn.body).toContain('action="/demo/sign-out"');

    const away = await app.inject({
      method: 'POST',
      url: '/demo/sign-in',
      headers: { referer: 'https://evil.example/phish' },
    });
    expect(away.headers.location).toBe('/demo');
  });
});
