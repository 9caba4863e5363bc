import crypto from 'node:crypto';
import { AppError } from '../errors.js';

/**
 * Signed identities: a site's backend signs the visitor's details (HS256 JWT with the site's
 * identity secret) so that agents can trust them. Only HS256 is accepted; the algorithm comes
 * from us, never from the token, so "none" or an asymmetric algorithm cannot be smuggled in.
 */

/** Clocks of the site's backend and ours may differ by this much. */
export const CLOCK_SKEW_SECONDS = 60;
/** Same bound as IdentifyInput.jwt: nothing longer is worth decoding. */
const MAX_TOKEN_LENGTH = 8192;
const MAX_CLAIMS = 20;
const MAX_CLAIM_VALUE_LENGTH = 500;
const CLAIM_KEY = /^[A-Za-z0-9_.-]{1,40}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;
/** RFC 7519 registered claims: they describe the token, not the visitor. */
const REGISTERED = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);

function invalid(message: string): AppError {
  return new AppError('IDENTITY_INVALID', message);
}

function decodeJsonPart(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hmac(signingInput: string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(signingInput, 'ascii').digest('base64url');
}

function numericDate(payload: Record<string, unknown>, name: string): number | undefined {
  const value = payload[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid(`The identity token's "${name}" claim must be a number of seconds.`);
  }
  return value;
}

/**
 * Checks an identity token and returns the claims it vouches for: string values only, without
 * the registered claims, at most 20, keys and values bounded as in IdentifyInput.attributes.
 * Throws AppError('IDENTITY_INVALID') with a message saying what is wrong.
 */
export function verifyIdentityToken(
  token: string,
  secret: string,
  nowMs: number,
): { claims: Record<string, string> } {
  // An empty key would make every signature forgeable; the caller should not get here.
  if (secret === '') throw invalid('This site has no identity secret.');
  if (token.length > MAX_TOKEN_LENGTH) throw invalid('The identity token is too long.');

  const parts = token.split('.');
  // An empty signature passes this check so that an unsigned ("alg": "none") token is refused
  // for what it is below.
  if (
    parts.length !== 3 ||
    !parts.every((p) => BASE64URL.test(p)) ||
    parts[0] === '' ||
    parts[1] === ''
  ) {
    throw invalid('The identity token is not a JWT (three base64url parts separated by dots).');
  }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];

  const header = decodeJsonPart(headerPart);
  if (!isPlainObject(header)) throw invalid("The identity token's header is not a JSON object.");
  if (header.alg !== 'HS256') {
    throw invalid(
      `The identity token must be signed with HS256, not ${JSON.stringify(header.alg ?? null)}.`,
    );
  }
  // RFC 7515: extensions marked critical must be understood, and we understand none.
  if (header.crit !== undefined) {
    throw invalid("The identity token's header lists critical extensions; none are supported.");
  }

  // Compared as the canonical encoding, so a signature with different padding bits fails too.
  const expected = Buffer.from(hmac(`${headerPart}.${payloadPart}`, secret), 'ascii');
  const given = Buffer.from(signaturePart, 'ascii');
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    throw invalid('The identity token signature does not match the site secret.');
  }

  const payload = decodeJsonPart(payloadPart);
  if (!isPlainObject(payload)) throw invalid("The identity token's payload is not a JSON object.");

  const now = nowMs / 1000;
  const exp = numericDate(payload, 'exp');
  if (exp !== undefined && now >= exp + CLOCK_SKEW_SECONDS) {
    throw invalid('The identity token has expired.');
  }
  const nbf = numericDate(payload, 'nbf');
  if (nbf !== undefined && now < nbf - CLOCK_SKEW_SECONDS) {
    throw invalid('The identity token is not valid yet (nbf is in the future).');
  }
  const iat = numericDate(payload, 'iat');
  if (iat !== undefined && iat > now + CLOCK_SKEW_SECONDS) {
    throw invalid('The identity token was issued in the future (check the server clock).');
  }

  const claims: Record<string, string> = {};
  let count = 0;
  for (const [key, value] of Object.entries(payload)) {
    if (count >= MAX_CLAIMS) break;
    if (REGISTERED.has(key) || key === '__proto__' || !CLAIM_KEY.test(key)) continue;
    if (typeof value !== 'string' || value.length > MAX_CLAIM_VALUE_LENGTH) continue;
    claims[key] = value;
    count += 1;
  }
  return { claims };
}

/** Makes a token the way a site's backend would: for tests and the demo page. */
export function signIdentityToken(claims: object, secret: string): string {
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${header}.${payload}.${hmac(`${header}.${payload}`, secret)}`;
}

/** A new site identity secret: 256 random bits, the HMAC-SHA256 key size. */
export function newIdentitySecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}
