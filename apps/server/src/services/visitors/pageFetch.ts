import { TextDecoder } from 'node:util';
import type { PageCard } from '@parley/protocol';
import { parsePageCard } from '../../domain/pageCard.js';
import { AppError } from '../../errors.js';

/**
 * Reads a page of the site for "Send page". The server makes the request, so it is held on a
 * short leash: only the site's allowed origins, including every redirect hop (a redirect is
 * never followed off them), a few seconds, a bounded body, HTML only. When the page cannot be
 * read the card still goes out, built from the URL alone.
 */

const DEFAULT_TIMEOUT_MS = 4000;
const DEFAULT_MAX_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 3;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface PageFetchOptions {
  timeoutMs?: number;
  maxBytes?: number;
  fetchImpl?: typeof fetch;
}

/** The URL when it is http(s) on one of the origins, else null. */
function allowedUrl(candidate: URL, origins: ReadonlySet<string>): URL | null {
  if (candidate.protocol !== 'http:' && candidate.protocol !== 'https:') return null;
  // Credentials in a URL are never part of a page worth sending, and fetch refuses them anyway.
  if (candidate.username !== '' || candidate.password !== '') return null;
  return origins.has(candidate.origin) ? candidate : null;
}

/** Origins as URL.origin spells them, so "https://Shop.example/" matches "https://shop.example". */
function normalizeOrigins(allowed: readonly string[]): Set<string> {
  const origins = new Set<string>();
  for (const entry of allowed) {
    try {
      const url = new URL(entry);
      if (url.protocol === 'http:' || url.protocol === 'https:') origins.add(url.origin);
    } catch {
      // A malformed entry allows nothing.
    }
  }
  return origins;
}

function fallbackCard(url: string, target: URL): PageCard {
  let path = target.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // Keep the encoded form when it is not valid UTF-8.
  }
  return { url, title: target.hostname + path, description: null, image: null, price: null };
}

function isHtml(contentType: string | null): boolean {
  return contentType?.split(';')[0]?.trim().toLowerCase() === 'text/html';
}

function decoderFor(contentType: string | null): TextDecoder {
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8');
  } catch {
    return new TextDecoder('utf-8');
  }
}

/** The first `maxBytes` of the body; the rest is never downloaded. */
async function readPrefix(response: Response, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      const room = maxBytes - total;
      const chunk = value.byteLength > room ? value.subarray(0, room) : value;
      chunks.push(chunk);
      total += chunk.byteLength;
    }
  } finally {
    // Stops the transfer (and closes the connection) when the page is larger than we read.
    await reader.cancel().catch(() => undefined);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

async function discard(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => undefined);
}

/**
 * The card for a page of the site. Throws AppError('URL_NOT_ALLOWED') when the URL is not on
 * one of `allowedOrigins`; any other failure gives the fallback card instead of an error.
 */
export async function fetchPageCard(
  url: string,
  allowedOrigins: readonly string[],
  options: PageFetchOptions = {},
): Promise<PageCard> {
  const origins = normalizeOrigins(allowedOrigins);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('URL_NOT_ALLOWED');
  }
  const target = allowedUrl(parsed, origins);
  if (!target) throw new AppError('URL_NOT_ALLOWED');

  const fallback = fallbackCard(url, target);
  const fetchImpl = options.fetchImpl ?? fetch;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const controller = new AbortController();
  // One deadline for the whole exchange, redirects and body included.
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? DEFAULT_TIMEOUT_MS);

  try {
    let current = target;
    for (let redirects = 0; ; redirects++) {
      const response = await fetchImpl(current.href, {
        redirect: 'manual',
        signal: controller.signal,
        headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1' },
      });

      if (REDIRECT_STATUSES.has(response.status)) {
        await discard(response);
        const location = response.headers.get('location');
        if (location === null || redirects >= MAX_REDIRECTS) return fallback;
        let next: URL | null;
        try {
          next = allowedUrl(new URL(location, current), origins);
        } catch {
          next = null;
        }
        if (!next) return fallback;
        current = next;
        continue;
      }

      const contentType = response.headers.get('content-type');
      if (!response.ok || !isHtml(contentType)) {
        await discard(response);
        return fallback;
      }
      const html = decoderFor(contentType).decode(await readPrefix(response, maxBytes));
      // Images are checked against the page actually read; the card keeps the URL that was sent.
      return { ...parsePageCard(html, current.href), url };
    }
  } catch {
    return fallback;
  } finally {
    clearTimeout(timer);
  }
}
