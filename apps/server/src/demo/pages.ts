import { escapeHtml, jsonForScript } from '../html.js';
import { layout, OPEN_CHAT, type DemoContext } from './layout.js';
import { decimalPrice, formatPrice, products, SHOP_NAME, type Product } from './products.js';

const imageUrl = (p: Product) => `/demo/images/${encodeURIComponent(p.slug)}.svg`;
const productUrl = (p: Product) => `/demo/products/${encodeURIComponent(p.slug)}`;

function card(p: Product): string {
  return `<a class="card" href="${escapeHtml(productUrl(p))}">
<img src="${escapeHtml(imageUrl(p))}" alt="" width="800" height="600" loading="lazy">
<div class="card-body"><h3>${escapeHtml(p.name)}</h3><p>${escapeHtml(p.tagline)}</p><span class="price">${escapeHtml(formatPrice(p))}</span></div>
</a>`;
}

export function homePage(ctx: DemoContext): string {
  const featured = products.find((p) => p.slug === 'terracotta-planter') ?? products[0]!;
  return layout({
    ctx,
    title: `${SHOP_NAME} — slow-made goods for calm homes`,
    description: 'Stoneware, lighting, plants and linen, made slowly and chosen carefully.',
    main: `<div class="wrap">
<section class="hero">
<div>
<p class="eyebrow">New season collection</p>
<h1>Slow-made goods for calm homes.</h1>
<p class="lead">Stoneware, lighting, plants and linen from small workshops we know by name. Questions about sizes, care or delivery? We answer on chat.</p>
<a class="btn btn-primary" href="#products">Shop the collection</a><button type="button" class="btn btn-ghost" onclick="${escapeHtml(OPEN_CHAT)}">Ask us anything</button>
</div>
<div class="hero-art"><img src="${escapeHtml(imageUrl(featured))}" alt="${escapeHtml(featured.name)}" width="800" height="600"></div>
</section>
</div>
<div class="perks"><span>Free shipping over $50</span><span>30-day returns</span><span>Real people on chat</span></div>
<div class="wrap">
<section class="section" id="products" aria-labelledby="products-title">
<div class="section-head"><h2 id="products-title">The collection</h2><p>${products.length} pieces, each one made to last.</p></div>
<div class="grid">
${products.map(card).join('\n')}
</div>
</section>
<section class="section" id="story" aria-labelledby="story-title" style="padding-top:0">
<div class="section-head"><h2 id="story-title">Our story</h2></div>
<p style="max-width:640px;color:#5b5247;margin:0">We started ${escapeHtml(SHOP_NAME)} with a kiln in a garage and a wish for fewer, better things. Today we work with a dozen makers, and every order is still packed by hand.</p>
</section>
</div>`,
  });
}

/** `origin`: where this server is reached, for the absolute URLs that link previews need. */
export function productPage(p: Product, origin: string, ctx: DemoContext): string {
  const absolute = (path: string) => `${origin}${path}`;
  const structured = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: p.name,
    sku: p.sku,
    description: p.description,
    image: absolute(imageUrl(p)),
    brand: { '@type': 'Brand', name: SHOP_NAME },
    offers: {
      '@type': 'Offer',
      price: decimalPrice(p),
      priceCurrency: p.currency,
      availability: 'https://schema.org/InStock',
      url: absolute(productUrl(p)),
    },
  };
  const meta = (property: string, content: string) =>
    `<meta property="${escapeHtml(property)}" content="${escapeHtml(content)}">`;
  const head = [
    meta('og:type', 'product'),
    meta('og:site_name', SHOP_NAME),
    meta('og:title', p.name),
    meta('og:description', p.tagline),
    meta('og:url', absolute(productUrl(p))),
    meta('og:image', absolute(imageUrl(p))),
    meta('product:price:amount', decimalPrice(p)),
    meta('product:price:currency', p.currency),
    `<script type="application/ld+json">${jsonForScript(structured)}</script>`,
  ].join('\n');
  const others = products.filter((o) => o.slug !== p.slug).slice(0, 3);

  return layout({
    ctx,
    title: `${p.name} — ${SHOP_NAME}`,
    description: p.tagline,
    head,
    main: `<div class="wrap">
<nav class="crumbs" aria-label="Breadcrumb"><a href="/demo">Shop</a> / <span aria-current="page">${escapeHtml(p.name)}</span></nav>
<article class="product">
<div class="product-art"><img src="${escapeHtml(imageUrl(p))}" alt="${escapeHtml(p.name)}" width="800" height="600"></div>
<div>
<p class="eyebrow">${escapeHtml(SHOP_NAME)}</p>
<h1>${escapeHtml(p.name)}</h1>
<p class="price">${escapeHtml(formatPrice(p))}</p>
<p class="tagline">${escapeHtml(p.tagline)}</p>
<p>${escapeHtml(p.description)}</p>
<ul>${p.details.map((d) => `<li>${escapeHtml(d)}</li>`).join('')}</ul>
<button type="button" class="btn btn-primary" onclick="this.textContent='Added — this is a demo'">Add to cart</button>
<div class="ask">Not sure it’s right for you? <button type="button" onclick="${escapeHtml(OPEN_CHAT)}">Chat with us</button> and we’ll help.</div>
</div>
</article>
<section class="section" aria-labelledby="more-title">
<div class="section-head"><h2 id="more-title">You may also like</h2></div>
<div class="grid">${others.map(card).join('\n')}</div>
</section>
</div>`,
  });
}

export function notFoundPage(ctx: DemoContext): string {
  return layout({
    ctx,
    title: `Not found — ${SHOP_NAME}`,
    description: 'This page does not exist.',
    main: `<div class="wrap notfound">
<h1>We couldn’t find that.</h1>
<p>The product may have sold out for good, or the link has a typo.</p>
<a class="btn btn-primary" href="/demo">Back to the shop</a>
</div>`,
  });
}
