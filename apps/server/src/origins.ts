/** The origin (scheme://host[:port]) of a URL, or null when it is not an http(s) URL. */
export function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * True when a browser request comes from Parley's own pages: the Origin matches the public URL
 * or the Host the request was sent to (so http://127.0.0.1:3000 works as well as localhost).
 */
export function isOwnOrigin(
  origin: string | undefined,
  host: string | undefined,
  publicUrl: string,
): boolean {
  const o = originOf(origin);
  if (!o) return false;
  if (o === originOf(publicUrl)) return true;
  return host !== undefined && new URL(o).host === host;
}
