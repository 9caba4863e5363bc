import crypto from 'node:crypto';
import { withoutBidiControls } from '@parley/protocol/text';
import { decodeProtectedHeader, errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { AppError } from '../errors.js';

/**
 * Signed identities: a site's backend signs the visitor's details (HS256 JWT with the site's
 * identity secret) so that agents can trust them. Verified by `jose`; only HS256 is accepted
 * (the algorithm comes from us, never from the token, so "none" or an asymmetric algorithm
 * cannot be smuggled in) and every token must expire: one without `exp` would vouch forever.
 */

/** Clocks of the site's backend and ours may differ by this much. */
export const CLOCK_SKEW_SECONDS = 60;
/** A token issued longer ago than this is refused: a site signs one per page view or session. */
export const MAX_TOKEN_AGE_SECONDS = 24 * 3600;
/** Same bound as IdentifyInput.jwt: nothing longer is worth decoding. */
const MAX_TOKEN_LENGTH = 8192;
const MAX_CLAIMS = 20;
const MAX_CLAIM_VALUE_LENGTH = 500;
const CLAIM_KEY = /^[A-Za-z0-9_.-]{1,40}$/;
const JWS_COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** RFC 7519 registered claims: they describe the token, not the visitor. */
const REGISTERED = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);

function invalid(message: string): AppError {
  return new AppError('IDENTITY_INVALID', message);
}

/** The header's `alg`, checked before the signature so the refusal names what was wrong. */
function requireHs256(token: string): void {
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw invalid("The identity token's header is not a JSON object.");
  }
  if (alg !== 'HS256') {
    throw invalid(
      `The identity token must be signed with HS256, not ${JSON.stringify(alg ?? null)}.`,
    );
  }
}

/** jose's refusals, said the way a site developer reading the identify() error needs them. */
function explain(err: unknown): AppError {
  if (err instanceof errors.JWSSignatureVerificationFailed)
    return invalid('The identity token signature does not match the site secret.');
  if (err instanceof errors.JWTExpired) return invalid('The identity token has expired.');
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.reason === 'missing')
      return invalid(`The identity token has no "${err.claim}" claim; it must expire.`);
    if (err.claim === 'nbf' && err.reason === 'check_failed')
      return invalid('The identity token is not valid yet (nbf is in the future).');
    return invalid(`The identity token's "${err.claim}" claim must be a number of seconds.`);
  }
  if (err instanceof errors.JOSENotSupported)
    return invalid("The identity token's header lists critical extensions; none are supported.");
  if (err instanceof errors.JWTInvalid)
    return invalid("The identity token's payload is not a JSON object.");
  if (err instanceof errors.JOSEAlgNotAllowed)
    return invalid('The identity token must be signed with HS256.');
  return invalid('The identity token is not a valid JWT.');
}

/** The string claims a verified payload vouches for, bounded as IdentifyInput.attributes. */
function visitorClaims(payload: JWTPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  let count = 0;
  for (const [key, value] of Object.entries(payload)) {
    if (count >= MAX_CLAIMS) break;
    if (REGISTERED.has(key) || key === '__proto__' || !CLAIM_KEY.test(key)) continue;
    if (typeof value !== 'string' || value.length > MAX_CLAIM_VALUE_LENGTH) continue;
    claims[key] = withoutBidiControls(value);
    count += 1;
  }
  return claims;
}

/**
 * Checks an identity token and returns the claims it vouches for: string values only, without
 * the registered claims, at most 20, keys and values bounded as in IdentifyInput.attributes.
 * Rejects (AppError IDENTITY_INVALID, with a message saying what is wrong) a malformed token,
 * any algorithm but HS256, a wrong or non-canonical signature, critical header extensions, a
 * token without `exp` or past it, before its `nbf`, issued in the future (60 s of skew), or
 * issued more than a day ago.
 */
export async function verifyIdentityToken(
  token: string,
  secret: string,
  nowMs: number,
): Promise<{ claims: Record<string, string> }> {
  // An empty key would make every signature forgeable; the caller should not get here.
  if (secret === '') throw invalid('This site has no identity secret.');
  if (token.length > MAX_TOKEN_LENGTH) throw invalid('The identity token is too long.');
  // An empty signature passes this check so that an unsigned ("alg": "none") token is refused
  // for what it is below.
  if (!JWS_COMPACT.test(token)) {
    throw invalid('The identity token is not a JWT (three base64url parts separated by dots).');
  }
  requireHs256(token);
  // Only the canonical encoding: a variant with other padding bits decodes to the same bytes.
  const signature = token.slice(token.lastIndexOf('.') + 1);
  if (Buffer.from(signature, 'base64url').toString('base64url') !== signature) {
    throw invalid('The identity token signature does not match the site secret.');
  }

  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
      clockTolerance: CLOCK_SKEW_SECONDS,
      currentDate: new Date(nowMs),
    }));
  } catch (err) {
    throw explain(err);
  }
  // jose does not look at `iat`; a token issued in the future means a wrong clock somewhere.
  if (payload.iat !== undefined && payload.iat > nowMs / 1000 + CLOCK_SKEW_SECONDS) {
    throw invalid('The identity token was issued in the future (check the server clock).');
  }
  if (payload.iat !== undefined && nowMs / 1000 - payload.iat > MAX_TOKEN_AGE_SECONDS) {
    throw invalid('The identity token is more than a day old; sign a new one.');
  }
  return { claims: visitorClaims(payload) };
}

/** Makes a token the way a site's backend would: for tests and the demo page. */
export function signIdentityToken(claims: JWTPayload, secret: string): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}

/** A new site identity secret: 256 random bits, the HMAC-SHA256 key size. */
export function newIdentitySecret(): string {
  return crypto.randomBytes(32).toString('base64url');
}
