import type { PageCard } from '@parley/protocol';
import { Parser } from 'htmlparser2';

/**
 * A product card from a page's HTML: Open Graph first, then schema.org JSON-LD, then <title>
 * and the meta description. The HTML is only tokenized (htmlparser2); nothing in it is executed, and
 * the only thing resolved is the image URL, which must stay on the page's own origin.
 */

const MAX_TITLE = 200;
const MAX_DESCRIPTION = 300;
/** JSON-LD nesting worth searching for a Product (WebPage → mainEntity → Product is 2). */
const MAX_LD_DEPTH = 6;

// Scanning the HTML

interface Scan {
  /** Lower-cased property or name → content, first occurrence wins. */
  meta: Map<string, string>;
  title: string | null;
  jsonLd: string[];
}

/**
 * Reads the tags a card needs with htmlparser2's streaming tokenizer: entities decoded in
 * attribute values and the title, script and style content taken as raw text (a "<meta" inside
 * them is not a tag), comments skipped.
 */
function scan(html: string): Scan {
  const result: Scan = { meta: new Map(), title: null, jsonLd: [] };
  let inTitle = false;
  let title = '';
  let ldScript: string[] | null = null;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'meta') {
          const key = (attrs.property ?? attrs.name ?? '').trim().toLowerCase();
          const content = attrs.content;
          if (key !== '' && content !== undefined && !result.meta.has(key))
            result.meta.set(key, content);
        } else if (name === 'title' && result.title === null) {
          inTitle = true;
        } else if (
          name === 'script' &&
          attrs.type?.trim().toLowerCase() === 'application/ld+json'
        ) {
          ldScript = [];
        }
      },
      ontext(text) {
        if (inTitle) title += text;
        ldScript?.push(text);
      },
      onclosetag(name) {
        if (name === 'title' && inTitle) {
          inTitle = false;
          result.title = title;
        } else if (name === 'script' && ldScript) {
          result.jsonLd.push(ldScript.join(''));
          ldScript = null;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
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
