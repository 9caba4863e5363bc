import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { newIdentitySecret, signIdentityToken, verifyIdentityToken } from './identityToken.js';

const SECRET = 'site-secret-for-tests-0123456789abcdef';
const NOW = Date.UTC(2024, 2, 15, 12, 0, 0);
const nowSec = NOW / 1000;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const b64raw = (text: string) => Buffer.from(text).toString('base64url');
const sign = (input: string, secret = SECRET) =>
  crypto.createHmac('sha256', secret).update(input).digest('base64url');

/** A token with any header and raw payload text, correctly signed with SECRET. */
function forge(header: unknown, payloadText: string, secret = SECRET): string {
  const input = `${b64(header)}.${b64raw(payloadText)}`;
  return `${input}.${sign(input, secret)}`;
}

function rejection(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('IDENTITY_INVALID');
    expect((err as AppError).status).toBe(401);
    return err as AppError;
  }
  throw new Error('expected the token to be rejected');
}

describe('verifyIdentityToken', () => {
  it('accepts a valid token and returns its claims', () => {
    const token = signIdentityToken(
      {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        plan: 'pro',
        iat: nowSec,
        exp: nowSec + 600,
      },
      SECRET,
    );
    expect(verifyIdentityToken(token, SECRET, NOW)).toEqual({
      claims: { name: 'Ada Lovelace', email: 'ada@example.com', plan: 'pro' },
    });
  });

  it('interoperates with a token built independently of signIdentityToken', () => {
    const token = forge({ typ: 'JWT', alg: 'HS256' }, '{"email":"bo@example.com","sub":"42"}');
    expect(verifyIdentityToken(token, SECRET, NOW).claims).toEqual({ email: 'bo@example.com' });
  });

  it('rejects a tampered payload', () => {
    const [h, , s] = signIdentityToken({ email: 'ada@example.com' }, SECRET).split('.');
    const tampered = `${h}.${b64({ email: 'admin@example.com' })}.${s}`;
    expect(rejection(() => verifyIdentityToken(tampered, SECRET, NOW)).message).toMatch(
      /signature/,
    );
  });

  it('rejects a tampered header and a tampered signature', () => {
    const [h, p, s] = signIdentityToken({ email: 'ada@example.com' }, SECRET).split('.') as [
      string,
      string,
      string,
    ];
    const otherHeader = b64({ alg: 'HS256', typ: 'JWT', kid: 'x' });
    rejection(() => verifyIdentityToken(`${otherHeader}.${p}.${s}`, SECRET, NOW));
    const flipped = (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    rejection(() => verifyIdentityToken(`${h}.${p}.${flipped}`, SECRET, NOW));
    rejection(() => verifyIdentityToken(`${h}.${p}.${s.slice(0, -1)}`, SECRET, NOW));
    rejection(() => verifyIdentityToken(`${h}.${p}.${s}AAAA`, SECRET, NOW));
  });

  it('rejects a signature that decodes to the same bytes but is not the canonical encoding', () => {
    const token = signIdentityToken({ email: 'ada@example.com' }, SECRET);
    const [h, p, s] = token.split('.') as [string, string, string];
    // 32 bytes are 43 base64url characters; the last one carries 2 unused bits.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(s.at(-1)!);
    const variant = s.slice(0, -1) + alphabet[last ^ 1];
    expect(Buffer.from(variant, 'base64url')).toEqual(Buffer.from(s, 'base64url'));
    rejection(() => verifyIdentityToken(`${h}.${p}.${variant}`, SECRET, NOW));
  });

  it('rejects a token signed with another secret', () => {
    const token = signIdentityToken({ email: 'ada@example.com' }, 'another-secret');
    expect(rejection(() => verifyIdentityToken(token, SECRET, NOW)).message).toBe(
      'The identity token signature does not match the site secret.',
    );
  });

  it('rejects an unsigned token (alg none), with or without a signature part', () => {
    const input = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ email: 'ada@example.com' })}`;
    expect(rejection(() => verifyIdentityToken(`${input}.`, SECRET, NOW)).message).toMatch(
      /HS256, not "none"/,
    );
    // Even a correct HMAC does not make "none" acceptable.
    rejection(() => verifyIdentityToken(`${input}.${sign(input)}`, SECRET, NOW));
    rejection(() =>
      verifyIdentityToken(forge({ alg: 'None' }, '{"email":"ada@example.com"}'), SECRET, NOW),
    );
  });

  it('rejects every algorithm but HS256, even when the HMAC is right', () => {
    for (const alg of ['HS512', 'HS384', 'RS256', 'ES256', 'hs256', null, 42]) {
      const message = rejection(() =>
        verifyIdentityToken(forge({ alg, typ: 'JWT' }, '{"email":"a@b.c"}'), SECRET, NOW),
      ).message;
      expect(message).toMatch(/must be signed with HS256/);
    }
    rejection(() => verifyIdentityToken(forge({ typ: 'JWT' }, '{}'), SECRET, NOW));
  });

  it('rejects critical header extensions', () => {
    const token = forge({ alg: 'HS256', crit: ['exp'] }, '{"email":"a@b.c"}');
    expect(rejection(() => verifyIdentityToken(token, SECRET, NOW)).message).toMatch(/critical/);
  });

  it('rejects an expired token, allowing 60 seconds of clock skew', () => {
    const token = signIdentityToken({ email: 'a@b.c', exp: nowSec - 30 }, SECRET);
    expect(verifyIdentityToken(token, SECRET, NOW).claims).toEqual({ email: 'a@b.c' });
    const expired = signIdentityToken({ email: 'a@b.c', exp: nowSec - 60 }, SECRET);
    expect(rejection(() => verifyIdentityToken(expired, SECRET, NOW)).message).toBe(
      'The identity token has expired.',
    );
    const long = signIdentityToken({ email: 'a@b.c', exp: nowSec - 3600 }, SECRET);
    rejection(() => verifyIdentityToken(long, SECRET, NOW));
  });

  it('rejects a token before its nbf, allowing 60 seconds of clock skew', () => {
    const soon = signIdentityToken({ email: 'a@b.c', nbf: nowSec + 59 }, SECRET);
    expect(verifyIdentityToken(soon, SECRET, NOW).claims).toEqual({ email: 'a@b.c' });
    const later = signIdentityToken({ email: 'a@b.c', nbf: nowSec + 61 }, SECRET);
    expect(rejection(() => verifyIdentityToken(later, SECRET, NOW)).message).toMatch(/nbf/);
  });

  it('rejects a token issued more than 60 seconds in the future', () => {
    const ok = signIdentityToken({ email: 'a@b.c', iat: nowSec + 60 }, SECRET);
    expect(verifyIdentityToken(ok, SECRET, NOW).claims).toEqual({ email: 'a@b.c' });
    const future = signIdentityToken({ email: 'a@b.c', iat: nowSec + 61 }, SECRET);
    expect(rejection(() => verifyIdentityToken(future, SECRET, NOW)).message).toMatch(/future/);
  });

  it('rejects time claims that are not numbers', () => {
    for (const claim of ['exp', 'nbf', 'iat']) {
      const token = signIdentityToken({ email: 'a@b.c', [claim]: String(nowSec + 600) }, SECRET);
      expect(rejection(() => verifyIdentityToken(token, SECRET, NOW)).message).toContain(claim);
    }
  });

  it('rejects malformed tokens', () => {
    const valid = signIdentityToken({ email: 'a@b.c' }, SECRET);
    for (const token of [
      '',
      'abc',
      'a.b',
      `${valid}.extra`,
      `.${valid.split('.')[1]}.${valid.split('.')[2]}`,
      valid.replace('.', '.+'),
      `${valid} `,
      'a'.repeat(9000),
    ]) {
      rejection(() => verifyIdentityToken(token, SECRET, NOW));
    }
    expect(rejection(() => verifyIdentityToken('a.b', SECRET, NOW)).message).toMatch(
      /three base64url parts/,
    );
  });

  it('rejects a header that is not JSON', () => {
    const input = `${b64raw('not json')}.${b64({ email: 'a@b.c' })}`;
    expect(
      rejection(() => verifyIdentityToken(`${input}.${sign(input)}`, SECRET, NOW)).message,
    ).toMatch(/header is not a JSON object/);
  });

  it('rejects a payload that is not a JSON object, even when signed', () => {
    for (const payload of ['[1,2]', '"ada"', '42', 'null', 'not json', '{"email":']) {
      const message = rejection(() =>
        verifyIdentityToken(forge({ alg: 'HS256' }, payload), SECRET, NOW),
      ).message;
      expect(message).toMatch(/payload is not a JSON object/);
    }
  });

  it('refuses to verify with an empty secret', () => {
    const token = signIdentityToken({ email: 'a@b.c' }, '');
    rejection(() => verifyIdentityToken(token, '', NOW));
  });

  it('keeps only bounded string claims that are not registered', () => {
    const token = signIdentityToken(
      {
        iss: 'shop',
        sub: 'user-1',
        aud: 'parley',
        jti: 'x1',
        exp: nowSec + 60,
        nbf: nowSec,
        iat: nowSec,
        name: 'Ada',
        email: 'ada@example.com',
        plan: 'pro',
        'customer.id': 'C-1',
        age: 36,
        admin: true,
        tags: ['a'],
        nested: { a: 'b' },
        nothing: null,
        'bad key': 'x',
        'key/with/slash': 'x',
        ['k'.repeat(41)]: 'too long key',
        ['k'.repeat(40)]: 'longest key',
        long: 'v'.repeat(501),
        longest: 'v'.repeat(500),
        empty: '',
      },
      SECRET,
    );
    expect(verifyIdentityToken(token, SECRET, NOW).claims).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      plan: 'pro',
      'customer.id': 'C-1',
      ['k'.repeat(40)]: 'longest key',
      longest: 'v'.repeat(500),
      empty: '',
    });
  });

  it('keeps at most 20 claims, the first ones in the token', () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`c${i}`, `v${i}`]));
    const claims = verifyIdentityToken(signIdentityToken(many, SECRET), SECRET, NOW).claims;
    expect(Object.keys(claims)).toHaveLength(20);
    expect(claims.c0).toBe('v0');
    expect(claims.c19).toBe('v19');
    expect(claims.c20).toBeUndefined();
  });

  it('does not let a __proto__ claim touch the prototype', () => {
    const token = forge({ alg: 'HS256' }, '{"__proto__":"x","constructor":"y","email":"a@b.c"}');
    const claims = verifyIdentityToken(token, SECRET, NOW).claims;
    expect(Object.getPrototypeOf(claims)).toBe(Object.prototype);
    expect(Object.keys(claims).sort()).toEqual(['constructor', 'email']);
  });
});

describe('newIdentitySecret', () => {
  it('makes 32 random bytes in base64url', () => {
    const a = newIdentitySecret();
    const b = newIdentitySecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
    const token = signIdentityToken({ email: 'a@b.c' }, a);
    expect(verifyIdentityToken(token, a, NOW).claims).toEqual({ email: 'a@b.c' });
    rejection(() => verifyIdentityToken(token, b, NOW));
  });
});
