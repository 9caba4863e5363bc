import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../errors.js';
import { fetchPageCard } from './pageFetch.js';

interface TestServer {
  origin: string;
  /** Paths requested since the last reset, in order. */
  requests: string[];
  server: http.Server;
}

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function startServer(routes: Record<string, Handler>): Promise<TestServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
    if (route) route(req, res);
    else res.writeHead(404, { 'content-type': 'text/html' }).end('<title>Not found</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, requests, server };
}

async function stopServer(s: TestServer): Promise<void> {
  s.server.closeAllConnections();
  await new Promise<void>((resolve) => s.server.close(() => resolve()));
}

const html = (res: http.ServerResponse, body: string, type = 'text/html; charset=utf-8') =>
  res.writeHead(200, { 'content-type': type }).end(body);

const OG_PAGE = `<!doctype html><html><head>
<title>Mug — Shop</title>
<meta property="og:title" content="Speckled Mug">
<meta property="og:description" content="Holds a proper cup.">
<meta property="og:image" content="/img/mug.jpg">
<meta property="product:price:amount" content="24.00">
<meta property="product:price:currency" content="USD">
</head><body></body></html>`;

const LD_PAGE = `<!doctype html><html><head><title>Lamp — Shop</title>
<script type="application/ld+json">${JSON.stringify({
  '@context': 'https://schema.org',
  '@type': 'Product',
  name: 'Arc Desk Lamp',
  description: 'Warm light.',
  image: '/img/lamp.png',
  offers: { '@type': 'Offer', price: '89.00', priceCurrency: 'EUR' },
})}</script></head><body></body></html>`;

let shop: TestServer;
let other: TestServer;
/** Server-side close of the streamed huge page (resolves to the bytes sent by then). */
let hugeClosed: Promise<number>;
let resolveHuge: (sent: number) => void;
/** Responses held open by /hang, released when the servers stop. */
const hanging: http.ServerResponse[] = [];

beforeAll(async () => {
  other = await startServer({
    '/': (_req, res) => html(res, '<title>Other</title>'),
    '/page': (_req, res) => html(res, '<meta property="og:title" content="Other page">'),
  });
  shop = await startServer({
    '/og': (_req, res) => html(res, OG_PAGE),
    '/ld': (_req, res) => html(res, LD_PAGE),
    '/plain': (_req, res) => html(res, '<title>Contact us</title>'),
    '/latin1': (_req, res) =>
      res
        .writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' })
        .end(Buffer.from('<title>Café crème</title>', 'latin1')),
    '/old': (_req, res) => res.writeHead(301, { location: '/og' }).end('moved'),
    '/chain': (_req, res) => res.writeHead(302, { location: '/chain2' }).end(),
    '/chain2': (_req, res) => res.writeHead(307, { location: '/chain3' }).end(),
    '/chain3': (_req, res) => res.writeHead(308, { location: '/ld' }).end(),
    '/loop': (req, res) => {
      const n = Number(new URL(req.url ?? '', 'http://x').searchParams.get('n') ?? 0);
      res.writeHead(302, { location: `/loop?n=${n + 1}` }).end();
    },
    '/away': (_req, res) => res.writeHead(302, { location: `${other.origin}/page` }).end(),
    '/away-scheme': (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
    '/no-location': (_req, res) => res.writeHead(302).end(),
    '/json': (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"title":"x"}'),
    '/image': (_req, res) =>
      res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(100)),
    '/error': (_req, res) =>
      res.writeHead(500, { 'content-type': 'text/html' }).end('<title>Oops</title>'),
    '/hang': (_req, res) => {
      hanging.push(res);
    },
    '/slow-body': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<title>Slow');
      hanging.push(res);
    },
    '/huge': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.write('<title>Huge page</title>');
      // An endless body: the test only finishes if the reader stops on its own.
      const chunk = `<p>${'x'.repeat(16 * 1024)}</p>`;
      let sent = 0;
      const pump = () => {
        while (!res.destroyed) {
          // Past the first 128 KB, a tag that a reader limited to 64 KB must never see.
          const more =
            sent === 8 * chunk.length ? '<meta property="og:title" content="Too far">' : '';
          sent += chunk.length;
          if (!res.write(chunk + more)) break;
        }
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => resolveHuge(sent));
      pump();
    },
  });
});

beforeEach(() => {
  shop.requests.length = 0;
  other.requests.length = 0;
  hugeClosed = new Promise((resolve) => {
    resolveHuge = resolve;
  });
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  await Promise.all([stopServer(shop), stopServer(other)]);
});

const fallback = (path: string) => ({
  url: `${shop.origin}${path}`,
  title: `127.0.0.1${path.split('?')[0]}`,
  description: null,
  image: null,
  price: null,
});

describe('fetchPageCard', () => {
  it('reads an Open Graph page', async () => {
    const card = await fetchPageCard(`${shop.origin}/og`, [shop.origin]);
    expect(card).toEqual({
      url: `${shop.origin}/og`,
      title: 'Speckled Mug',
      description: 'Holds a proper cup.',
      image: `${shop.origin}/img/mug.jpg`,
      price: '$24.00',
    });
    expect(shop.requests).toEqual(['/og']);
  });

  it('reads a JSON-LD page', async () => {
    expect(await fetchPageCard(`${shop.origin}/ld`, [shop.origin])).toEqual({
      url: `${shop.origin}/ld`,
      title: 'Arc Desk Lamp',
      description: 'Warm light.',
      image: `${shop.origin}/img/lamp.png`,
      price: '€89.00',
    });
  });

  it('matches allowed origins however they are written', async () => {
    const card = await fetchPageCard(`${shop.origin}/plain`, [
      'not a url',
      `${shop.origin.toUpperCase().replace('HTTP', 'http')}/`,
    ]);
    expect(card.title).toBe('Contact us');
  });

  it('decodes the charset the server declares', async () => {
    expect((await fetchPageCard(`${shop.origin}/latin1`, [shop.origin])).title).toBe('Café crème');
  });

  it('follows a redirect to an allowed path and keeps the URL that was sent', async () => {
    const card = await fetchPageCard(`${shop.origin}/old`, [shop.origin]);
    expect(card).toMatchObject({ url: `${shop.origin}/old`, title: 'Speckled Mug' });
    expect(shop.requests).toEqual(['/old', '/og']);
  });

  it('follows up to three redirects', async () => {
    const card = await fetchPageCard(`${shop.origin}/chain`, [shop.origin]);
    expect(card.title).toBe('Arc Desk Lamp');
    expect(shop.requests).toEqual(['/chain', '/chain2', '/chain3', '/ld']);
  });

  it('gives up after three redirects', async () => {
    expect(await fetchPageCard(`${shop.origin}/loop`, [shop.origin])).toEqual(fallback('/loop'));
    expect(shop.requests).toEqual(['/loop', '/loop?n=1', '/loop?n=2', '/loop?n=3']);
  });

  it('never follows a redirect to another origin', async () => {
    expect(await fetchPageCard(`${shop.origin}/away`, [shop.origin])).toEqual(fallback('/away'));
    expect(shop.requests).toEqual(['/away']);
    expect(other.requests).toEqual([]);
  });

  it('follows a redirect to another allowed origin', async () => {
    const card = await fetchPageCard(`${shop.origin}/away`, [shop.origin, other.origin]);
    expect(card).toMatchObject({ url: `${shop.origin}/away`, title: 'Other page' });
    expect(other.requests).toEqual(['/page']);
  });

  it('stops at redirects to other schemes or without a Location', async () => {
    expect(await fetchPageCard(`${shop.origin}/away-scheme`, [shop.origin])).toEqual(
      fallback('/away-scheme'),
    );
    expect(await fetchPageCard(`${shop.origin}/no-location`, [shop.origin])).toEqual(
      fallback('/no-location'),
    );
  });

  it('reads no more than maxBytes of a huge page and closes the connection', async () => {
    const card = await fetchPageCard(`${shop.origin}/huge`, [shop.origin], {
      maxBytes: 64 * 1024,
      timeoutMs: 20_000,
    });
    // The og:title after the first 64 KB is never seen.
    expect(card.title).toBe('Huge page');
    expect(await hugeClosed).toBeGreaterThan(0);
  });

  it('does not parse responses that are not HTML', async () => {
    expect(await fetchPageCard(`${shop.origin}/json`, [shop.origin])).toEqual(fallback('/json'));
    expect(await fetchPageCard(`${shop.origin}/image`, [shop.origin])).toEqual(fallback('/image'));
    expect(shop.requests).toEqual(['/json', '/image']);
  });

  it('falls back on HTTP errors', async () => {
    expect(await fetchPageCard(`${shop.origin}/error`, [shop.origin])).toEqual(fallback('/error'));
    expect(await fetchPageCard(`${shop.origin}/missing`, [shop.origin])).toEqual(
      fallback('/missing'),
    );
  });

  it('falls back when the server does not answer in time', async () => {
    const started = Date.now();
    expect(await fetchPageCard(`${shop.origin}/hang`, [shop.origin], { timeoutMs: 200 })).toEqual(
      fallback('/hang'),
    );
    expect(
      await fetchPageCard(`${shop.origin}/slow-body`, [shop.origin], { timeoutMs: 200 }),
    ).toEqual(fallback('/slow-body'));
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('falls back when nothing listens', async () => {
    const gone = await startServer({});
    await stopServer(gone);
    expect(await fetchPageCard(`${gone.origin}/x`, [gone.origin])).toMatchObject({
      url: `${gone.origin}/x`,
      title: '127.0.0.1/x',
    });
  });

  it('falls back when the fetch itself throws', async () => {
    const card = await fetchPageCard('https://shop.example/caf%C3%A9', ['https://shop.example'], {
      fetchImpl: () => Promise.reject(new TypeError('fetch failed')),
    });
    expect(card).toEqual({
      url: 'https://shop.example/caf%C3%A9',
      title: 'shop.example/café',
      description: null,
      image: null,
      price: null,
    });
  });

  it('refuses URLs outside the allowed origins without requesting them', async () => {
    const refused = [
      `${other.origin}/page`,
      `${shop.origin.replace('127.0.0.1', 'localhost')}/og`,
      `${shop.origin}0/og`,
      `https://127.0.0.1:${new URL(shop.origin).port}/og`,
      `http://user:pass@${shop.origin.slice('http://'.length)}/og`,
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
      '',
    ];
    for (const url of refused) {
      const error = await fetchPageCard(url, [shop.origin]).catch((err: unknown) => err);
      expect(error, url).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('URL_NOT_ALLOWED');
    }
    await expect(fetchPageCard(`${shop.origin}/og`, [])).rejects.toMatchObject({
      code: 'URL_NOT_ALLOWED',
    });
    expect(shop.requests).toEqual([]);
    expect(other.requests).toEqual([]);
  });
});
