import type { IncomingHttpHeaders } from 'node:http';

/**
 * The client address of a socket, read the way Fastify reads request.ip: the connection's
 * own address, or with TRUST_PROXY the first X-Forwarded-For entry (the proxy vouches for it).
 * Without TRUST_PROXY a forwarded header is the client's say-so and is ignored.
 */
export function socketAddress(
  handshake: { readonly address: string; readonly headers: IncomingHttpHeaders },
  trustProxy: boolean,
): string | null {
  if (trustProxy) {
    const forwarded = handshake.headers['x-forwarded-for'];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
    if (first) return first;
  }
  return handshake.address || null;
}
