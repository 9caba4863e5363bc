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

/**
 * A site's stored allowed origins (a JSON array), normalised to scheme://host[:port]; entries
 * that are not http(s) origins and a damaged column read as none.
 */
export function parseAllowedOrigins(json: string): string[] {
  let stored: unknown = [];
  try {
    stored = JSON.parse(json);
  } catch {
    stored = [];
  }
  if (!Array.isArray(stored)) return [];
  return [
    ...new Set(stored.map((o) => originOf(String(o))).filter((o): o is string => o !== null)),
  ];
}

/** Origins a site's pages may live on: Parley's own (the demo shop), any `extra`, then the site's. */
export function siteOrigins(
  publicUrl: string,
  allowedOriginsJson: string,
  extra: readonly string[] = [],
): string[] {
  const own = [originOf(publicUrl), ...extra].filter((o): o is string => o !== null);
  return [...new Set([...own, ...parseAllowedOrigins(allowedOriginsJson)])];
}
