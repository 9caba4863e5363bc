import type { PageCard } from '@parley/protocol';

/**
 * A product card from a page's HTML: Open Graph first, then schema.org JSON-LD, then <title>
 * and the meta description. The HTML is only scanned as text; nothing in it is executed, and
 * the only thing resolved is the image URL, which must stay on the page's own origin.
 */

const MAX_TITLE = 200;
const MAX_DESCRIPTION = 300;
/** JSON-LD nesting worth searching for a Product (WebPage → mainEntity → Product is 2). */
const MAX_LD_DEPTH = 6;

// Entities

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

function fromCodePoint(code: number): string {
  const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
  return valid ? String.fromCodePoint(code) : '\ufffd';
}

/** One pass, so "&amp;lt;" becomes "&lt;" and not "<". Unknown names are left as they are. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]{1,8}|#[0-9]{1,10}|[a-zA-Z]{2,8});/g, (whole, ref) => {
    const r = ref as string;
    if (r[0] === '#') {
      const hex = r[1] === 'x' || r[1] === 'X';
      return fromCodePoint(Number.parseInt(r.slice(hex ? 2 : 1), hex ? 16 : 10));
    }
    return NAMED_ENTITIES[r.toLowerCase()] ?? whole;
  });
}

// Tokenizing

interface Scan {
  /** Lower-cased property or name → content, first occurrence wins. */
  meta: Map<string, string>;
  title: string | null;
  jsonLd: string[];
}

/** Elements whose content is raw text: a "<meta" inside them is not a tag. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'noscript']);

function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\f';
}

/** Attributes from just after a tag's name to its closing ">", quote-aware. */
function readAttributes(html: string, start: number): { attrs: Map<string, string>; end: number } {
  const attrs = new Map<string, string>();
  let i = start;
  const n = html.length;
  while (i < n) {
    while (i < n && (isSpace(html[i]) || html[i] === '/')) i++;
    if (i >= n || html[i] === '>') break;
    const nameStart = i;
    while (i < n && !isSpace(html[i]) && html[i] !== '>' && html[i] !== '=' && html[i] !== '/') {
      i++;
    }
    // A stray "=" with no name before it: skip it so the loop always advances.
    if (i === nameStart) i++;
    const name = html.slice(nameStart, i).toLowerCase();
    while (i < n && isSpace(html[i])) i++;
    let value = '';
    if (html[i] === '=') {
      i++;
      while (i < n && isSpace(html[i])) i++;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        const stop = close === -1 ? n : close;
        value = html.slice(i + 1, stop);
        i = stop + 1;
      } else {
        const valueStart = i;
        while (i < n && !isSpace(html[i]) && html[i] !== '>') i++;
        value = html.slice(valueStart, i);
      }
    }
    if (name !== '' && !attrs.has(name)) attrs.set(name, decodeEntities(value));
  }
  return { attrs, end: Math.min(i + 1, n) };
}

function scan(html: string): Scan {
  const result: Scan = { meta: new Map(), title: null, jsonLd: [] };
  const lower = html.toLowerCase();
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close === -1 ? html.length : close + 3;
      continue;
    }
    const tag = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(lt, lt + 40));
    if (!tag) {
      i = lt + 1;
      continue;
    }
    const name = tag[1]!.toLowerCase();
    const { attrs, end } = readAttributes(html, lt + tag[0].length);
    i = end;
    if (name === 'meta') {
      const key = (attrs.get('property') ?? attrs.get('name') ?? '').trim().toLowerCase();
      const content = attrs.get('content');
      if (key !== '' && content !== undefined && !result.meta.has(key)) {
        result.meta.set(key, content);
      }
    } else if (RAW_TEXT.has(name)) {
      const close = lower.indexOf(`</${name}`, end);
      const stop = close === -1 ? html.length : close;
      const text = html.slice(end, stop);
      if (name === 'title' && result.title === null) result.title = decodeEntities(text);
      if (name === 'script' && attrs.get('type')?.trim().toLowerCase() === 'application/ld+json') {
        result.jsonLd.push(text);
      }
      i = stop;
    }
  }
  return result;
}

// schema.org

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface LdProduct {
  name: string | null;
  description: string | null;
  image: string | null;
  amount: string | null;
  currency: string | null;
}

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: Json | undefined): Json[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function text(value: Json | undefined): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

/** "Product", "schema:Product" or "https://schema.org/Product", alone or in a list of types. */
function isProduct(node: { [key: string]: Json }): boolean {
  return asArray(node['@type']).some(
    (t) => typeof t === 'string' && /(^|[/:#])(Product|ProductGroup)$/.test(t),
  );
}

function findProduct(value: Json | undefined, depth: number): { [key: string]: Json } | null {
  if (depth > MAX_LD_DEPTH || value === undefined || value === null) return null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findProduct(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  if (!isObject(value)) return null;
  if (isProduct(value)) return value;
  for (const child of Object.values(value)) {
    const found = findProduct(child, depth + 1);
    if (found) return found;
  }
  return null;
}

/** An image is a URL, an ImageObject, or a list of either. */
function ldImage(value: Json | undefined): string | null {
  for (const item of asArray(value)) {
    if (typeof item === 'string') return item;
    if (isObject(item)) {
      const url = text(item.url) ?? text(item.contentUrl);
      if (url) return url;
    }
  }
  return null;
}

function ldPrice(offers: Json | undefined): { amount: string | null; currency: string | null } {
  for (const offer of asArray(offers)) {
    if (!isObject(offer)) continue;
    const spec = asArray(offer.priceSpecification).find(isObject);
    const amount = text(offer.price) ?? text(offer.lowPrice) ?? (spec ? text(spec.price) : null);
    if (amount === null) continue;
    const currency = text(offer.priceCurrency) ?? (spec ? text(spec.priceCurrency) : null);
    return { amount, currency };
  }
  return { amount: null, currency: null };
}

function fromJsonLd(blocks: string[]): LdProduct | null {
  for (const block of blocks) {
    let data: Json;
    try {
      // Some sites wrap the JSON in an HTML comment or CDATA to hide it from old browsers.
      const clean = block
        .trim()
        .replace(/^(<!--|<!\[CDATA\[)/, '')
        .replace(/(-->|\]\]>)$/, '');
      data = JSON.parse(clean) as Json;
    } catch {
      continue;
    }
    const product = findProduct(data, 0);
    if (!product) continue;
    const { amount, currency } = ldPrice(product.offers);
    return {
      name: text(product.name),
      description: text(product.description),
      image: ldImage(product.image),
      amount,
      currency,
    };
  }
  return null;
}

// Assembling the card

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/g;

/** Collapses whitespace, drops control characters; null when nothing is left. */
function clean(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const cleaned = value.replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim();
  return cleaned === '' ? null : cleaned;
}

/** At most `max` characters, cut on a code point boundary, with an ellipsis when cut. */
function truncate(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max
    ? value
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

/** "$24.00" with a known currency, "24.00" without; null when the amount is not a number. */
export function formatPrice(amount: string | null, currency: string | null): string | null {
  let raw = clean(amount);
  if (raw === null) return null;
  // "1,299.00": thousands separators only; a comma as decimal mark stays unparsed.
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(raw)) raw = raw.replace(/,/g, '');
  if (!/^\d{1,15}(\.\d{1,10})?$/.test(raw)) return null;
  const code = clean(currency)?.toUpperCase();
  if (code && CURRENCIES.has(code)) {
    return new Intl.NumberFormat('en', { style: 'currency', currency: code }).format(Number(raw));
  }
  return raw;
}

/** The image as an absolute URL, only when it is on the page's origin. */
function sameOriginImage(image: string | null, page: URL | null): string | null {
  if (image === null || page === null) return null;
  try {
    const url = new URL(image, page);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin === page.origin ? url.href : null;
  } catch {
    return null;
  }
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

export function parsePageCard(html: string, pageUrl: string): PageCard {
  const { meta, title, jsonLd } = scan(html);
  const og = (key: string) => clean(meta.get(key));
  const ld = fromJsonLd(jsonLd);

  let price: string | null = null;
  if (og('product:price:amount') !== null) {
    price = formatPrice(og('product:price:amount'), og('product:price:currency'));
  } else if (og('og:price:amount') !== null) {
    price = formatPrice(og('og:price:amount'), og('og:price:currency'));
  }
  if (price === null && ld) price = formatPrice(ld.amount, ld.currency);

  const page = parseUrl(pageUrl);
  const image =
    sameOriginImage(og('og:image'), page) ??
    sameOriginImage(og('og:image:url'), page) ??
    sameOriginImage(clean(ld?.image), page);

  const name = og('og:title') ?? clean(ld?.name) ?? clean(title) ?? pageUrl;
  const description = og('og:description') ?? clean(ld?.description) ?? og('description');

  return {
    url: pageUrl,
    title: truncate(name, MAX_TITLE),
    description: description === null ? null : truncate(description, MAX_DESCRIPTION),
    image,
    price,
  };
}
