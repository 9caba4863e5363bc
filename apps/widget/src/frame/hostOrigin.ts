/** The host page's origin from `?host=`; anything that is not exactly an http(s) origin is refused. */
export function parseHost(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value
      ? value
      : null;
  } catch {
    return null;
  }
}
