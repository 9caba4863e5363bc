import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** Powerful browser features Parley never uses; a page of ours cannot be made to ask for them. */
const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'serial=()',
  'bluetooth=()',
  'interest-cohort=()',
].join(', ');

/**
 * The security headers of every response (helmet), tuned for a product whose widget lives on
 * other sites:
 * - No global Content-Security-Policy: the console, the chat frame, files and the demo shop each
 *   send their own (the frame's lists the site's origins as frame-ancestors).
 * - No X-Frame-Options: the chat frame must be framed by the customer's pages (its CSP says by
 *   which); the console forbids framing in its CSP.
 * - Cross-Origin-Resource-Policy cross-origin: loader.js and the frame's assets load on other sites.
 * - Referrer-Policy no-referrer: console and frame URLs never leak to the pages agents open.
 * - HSTS only when PUBLIC_URL is https (a plain-http install on a LAN must keep working).
 */
export async function securityHeaders(app: FastifyInstance, publicUrl: string): Promise<void> {
  const https = publicUrl.startsWith('https://');
  await app.register(helmet, {
    contentSecurityPolicy: false,
    frameguard: false,
    crossOriginEmbedderPolicy: false,
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
  });
}
