import { describe, expect, it } from 'vitest';
import { productPage } from '../demo/pages.js';
import { products } from '../demo/products.js';
import { formatPrice, parsePageCard } from './pageCard.js';

const URL_ = 'https://shop.example/products/mug';

const page = (head: string, body = '') =>
  `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`;

const ldScript = (value: unknown) =>
  `<script type="application/ld+json">${JSON.stringify(value)}</script>`;

describe('parsePageCard: Open Graph', () => {
  it('reads title, description, image and price', () => {
    const html = page(`
      <title>Ignored — Shop</title>
      <meta property="og:title" content="Speckled Mug">
      <meta property="og:description" content="Hand-glazed, holds a proper cup.">
      <meta property="og:image" content="/img/mug.jpg">
      <meta property="product:price:amount" content="24.00">
      <meta property="product:price:currency" content="USD">`);
    expect(parsePageCard(html, URL_)).toEqual({
      url: URL_,
      title: 'Speckled Mug',
      description: 'Hand-glazed, holds a proper cup.',
      image: 'https://shop.example/img/mug.jpg',
      price: '$24.00',
    });
  });

  it('accepts og:price:amount, attributes in any order, odd quoting and case', () => {
    const html = page(`
      <META CONTENT='Linen Throw' PROPERTY='og:title' />
      <meta content=72 property=og:price:amount>
      <meta
        property="og:price:currency"
        content="eur">`);
    expect(parsePageCard(html, URL_)).toMatchObject({ title: 'Linen Throw', price: '€72.00' });
  });

  it('decodes entities in attribute values and in the title', () => {
    const html = page(`
      <title>Salt &amp; Pepper &#8212; Shop</title>
      <meta property="og:description" content="&quot;Fish&quot; &lt;3 chips &#39;n&#x27; peas&nbsp;&amp;amp;">`);
    expect(parsePageCard(html, URL_)).toMatchObject({
      title: 'Salt & Pepper — Shop',
      description: '"Fish" <3 chips \'n\' peas &amp;',
    });
  });

  it('is not fooled by a ">" or quotes inside attribute values', () => {
    const html = page(
      `<meta property="og:title" content="A > B 'quoted'"><meta property="og:description" content='say "hi"'>`,
    );
    expect(parsePageCard(html, URL_)).toMatchObject({
      title: "A > B 'quoted'",
      description: 'say "hi"',
    });
  });

  it('ignores meta tags inside comments, scripts and styles', () => {
    const html = page(`
      <!-- <meta property="og:title" content="From a comment"> -->
      <script>document.write('<meta property="og:title" content="From a script">')</script>
      <style>/* <meta property="og:title" content="From a style"> */</style>
      <meta property="og:title" content="Real title">`);
    expect(parsePageCard(html, URL_).title).toBe('Real title');
  });

  it('keeps the first of repeated tags', () => {
    const html = page(
      '<meta property="og:title" content="First"><meta property="og:title" content="Second">',
    );
    expect(parsePageCard(html, URL_).title).toBe('First');
  });
});

describe('parsePageCard: schema.org JSON-LD', () => {
  const product = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: 'Arc Desk Lamp',
    description: 'Warm light exactly where you need it.',
    image: 'https://shop.example/img/lamp.png',
    offers: { '@type': 'Offer', price: '89.00', priceCurrency: 'USD' },
  };

  it('reads a Product', () => {
    expect(parsePageCard(page(ldScript(product)), URL_)).toEqual({
      url: URL_,
      title: 'Arc Desk Lamp',
      description: 'Warm light exactly where you need it.',
      image: 'https://shop.example/img/lamp.png',
      price: '$89.00',
    });
  });

  it('finds the Product inside @graph, arrays and other nodes', () => {
    const graph = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebSite', name: 'Shop' },
        { ...product, '@type': ['Product', 'Thing'] },
      ],
    };
    expect(parsePageCard(page(ldScript(graph)), URL_).title).toBe('Arc Desk Lamp');
    const list = [{ '@type': 'BreadcrumbList' }, product];
    expect(parsePageCard(page(ldScript(list)), URL_).title).toBe('Arc Desk Lamp');
    const nested = { '@type': 'ItemPage', mainEntity: { ...product, '@type': 'schema:Product' } };
    expect(parsePageCard(page(ldScript(nested)), URL_).title).toBe('Arc Desk Lamp');
  });

  it('skips JSON-LD blocks that are broken or have no Product', () => {
    const html = page(
      `<script type="application/ld+json">{ broken</script>` +
        ldScript({ '@type': 'Organization', name: 'Shop Inc.' }) +
        `<script type="Application/LD+JSON">${JSON.stringify(product)}</script>`,
    );
    expect(parsePageCard(html, URL_).title).toBe('Arc Desk Lamp');
  });

  it('reads offers given as a list, numeric prices and image objects', () => {
    const html = page(
      ldScript({
        '@type': 'Product',
        name: 'Planter',
        image: [{ '@type': 'ImageObject', url: '/img/planter.webp' }],
        offers: [{ '@type': 'Offer' }, { '@type': 'Offer', price: 1299, priceCurrency: 'EUR' }],
      }),
    );
    expect(parsePageCard(html, URL_)).toMatchObject({
      image: 'https://shop.example/img/planter.webp',
      price: '€1,299.00',
    });
  });

  it('reads an AggregateOffer low price and a price specification', () => {
    const aggregate = {
      '@type': 'Product',
      name: 'A',
      offers: { lowPrice: 9.5, priceCurrency: 'GBP' },
    };
    expect(parsePageCard(page(ldScript(aggregate)), URL_).price).toBe('£9.50');
    const spec = {
      '@type': 'Product',
      name: 'B',
      offers: { priceSpecification: { price: '2400', priceCurrency: 'JPY' } },
    };
    expect(parsePageCard(page(ldScript(spec)), URL_).price).toBe('¥2,400');
  });

  it('does not run or interpret anything else in the page', () => {
    const html = page(
      '<script>globalThis.parleyPwned = true</script>' +
        '<script type="application/ld+json">' +
        '{"@type":"Product","name":"Safe","__proto__":{"polluted":true},"constructor":"x"}' +
        '</script>',
    );
    expect(parsePageCard(html, URL_).title).toBe('Safe');
    expect((globalThis as Record<string, unknown>).parleyPwned).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('takes Open Graph before JSON-LD, field by field', () => {
    const html = page(`<meta property="og:title" content="OG title">${ldScript(product)}`);
    expect(parsePageCard(html, URL_)).toMatchObject({
      title: 'OG title',
      description: 'Warm light exactly where you need it.',
      price: '$89.00',
    });
  });
});

describe('parsePageCard: fallbacks and limits', () => {
  it('falls back to <title> and the meta description', () => {
    const html = page(
      '<title>\n  Contact   us\n</title><meta name="description" content="Write to us any time.">',
    );
    expect(parsePageCard(html, URL_)).toEqual({
      url: URL_,
      title: 'Contact us',
      description: 'Write to us any time.',
      image: null,
      price: null,
    });
  });

  it('falls back to the URL when there is no title at all', () => {
    expect(parsePageCard('', URL_)).toEqual({
      url: URL_,
      title: URL_,
      description: null,
      image: null,
      price: null,
    });
    expect(parsePageCard('<html><title>   </title>', URL_).title).toBe(URL_);
    expect(parsePageCard('not html at all <<<>>> <meta', URL_).title).toBe(URL_);
  });

  it('keeps only images on the page origin', () => {
    const card = (image: string) =>
      parsePageCard(page(`<meta property="og:image" content="${image}">`), URL_).image;
    expect(card('https://shop.example/a.png')).toBe('https://shop.example/a.png');
    expect(card('../a.png?x=1&amp;y=2')).toBe('https://shop.example/a.png?x=1&y=2');
    expect(card('https://cdn.example/a.png')).toBeNull();
    expect(card('//evil.example/a.png')).toBeNull();
    expect(card('http://shop.example/a.png')).toBeNull();
    expect(card('https://shop.example:8443/a.png')).toBeNull();
    expect(card('javascript:alert(1)')).toBeNull();
    expect(card('data:image/png;base64,AAAA')).toBeNull();
    expect(card('http://[::1')).toBeNull();
  });

  it('skips an off-origin OG image in favour of a same-origin JSON-LD image', () => {
    const html = page(
      `<meta property="og:image" content="https://cdn.example/a.png">${ldScript({ '@type': 'Product', name: 'X', image: '/b.png' })}`,
    );
    expect(parsePageCard(html, URL_).image).toBe('https://shop.example/b.png');
  });

  it('truncates the title to 200 and the description to 300 characters', () => {
    const html = page(
      `<meta property="og:title" content="${'t'.repeat(500)}"><meta property="og:description" content="${'d'.repeat(500)}">`,
    );
    const card = parsePageCard(html, URL_);
    expect(card.title).toHaveLength(200);
    expect(card.title.endsWith('…')).toBe(true);
    expect(card.description).toHaveLength(300);
  });

  it('does not cut a character in half when truncating', () => {
    const html = page(`<meta property="og:title" content="${'😀'.repeat(300)}">`);
    const title = parsePageCard(html, URL_).title;
    expect(Array.from(title)).toHaveLength(200);
    expect(title).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('copes with a large messy document in linear time', () => {
    const junk = '<div a="1" b=\'2\' c=3>text &amp; more</div><'.repeat(50_000);
    const html = page('<meta property="og:title" content="Still found">', junk + '<a href="x');
    const started = performance.now();
    expect(parsePageCard(html, URL_).title).toBe('Still found');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('formatPrice', () => {
  it('formats with a known ISO currency and keeps the raw number otherwise', () => {
    expect(formatPrice('24.00', 'USD')).toBe('$24.00');
    expect(formatPrice('24', 'usd')).toBe('$24.00');
    expect(formatPrice('1,299.50', 'EUR')).toBe('€1,299.50');
    expect(formatPrice('24.00', null)).toBe('24.00');
    expect(formatPrice('24.00', 'XYZ')).toBe('24.00');
    expect(formatPrice('24.00', 'dollars')).toBe('24.00');
    expect(formatPrice('free', 'USD')).toBeNull();
    expect(formatPrice('24,00', 'EUR')).toBeNull();
    expect(formatPrice('-5', 'USD')).toBeNull();
    expect(formatPrice(null, 'USD')).toBeNull();
  });
});

describe('parsePageCard: character references', () => {
  it('decodes named and numeric references once, and bad code points as U+FFFD', () => {
    const html =
      '<title>&amp;lt; &lt;b&gt; &#65;&#x42;&#X43; &copy; &#0; &#xD800; &#99999999;</title>';
    expect(parsePageCard(html, 'https://shop.example/p').title).toBe(
      '&lt; <b> ABC \u00a9 \ufffd \ufffd \ufffd',
    );
  });
});

describe('parsePageCard: the demo shop', () => {
  it('reads a real demo product page', () => {
    const origin = 'http://localhost:3000';
    for (const product of products) {
      const html = productPage(product, origin, { siteKey: 'site-key', customerJwt: null });
      const url = `${origin}/demo/products/${product.slug}`;
      const card = parsePageCard(html, url);
      expect(card).toEqual({
        url,
        title: product.name,
        description: product.tagline,
        image: `${origin}/demo/images/${product.slug}.svg`,
        price: `$${(product.priceCents / 100).toFixed(2)}`,
      });
    }
  });

  it('reads the demo JSON-LD alone when the Open Graph tags are missing', () => {
    const origin = 'http://localhost:3000';
    const product = products[0]!;
    const withoutOg = productPage(product, origin, {
      siteKey: 'site-key',
      customerJwt: null,
    }).replace(/<meta property="(og|product):[^>]*>/g, '');
    expect(withoutOg).not.toContain('og:title');
    const card = parsePageCard(withoutOg, `${origin}/demo/products/${product.slug}`);
    expect(card).toMatchObject({
      title: product.name,
      description: product.description,
      image: `${origin}/demo/images/${product.slug}.svg`,
      price: '$24.00',
    });
  });
});
