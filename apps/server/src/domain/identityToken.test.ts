import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { newIdentitySecret, signIdentityToken, verifyIdentityToken } from './identityToken.js';

const SECRET = 'site-secret-for-tests-0123456789abcdef';
const NOW = Date.UTC(2024, 2, 15, 12, 0, 0);
const nowSec = NOW / 1000;
/** Every token must expire; this one in ten minutes. */
const exp = nowSec + 600;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const b64raw = (text: string) => Buffer.from(text).toString('base64url');
const sign = (input: string, secret = SECRET) =>
  crypto.createHmac('sha256', secret).update(input).digest('base64url');

/** A token with any header and raw payload text, correctly signed with SECRET. */
function forge(header: unknown, payloadText: string, secret = SECRET): string {
  const input = `${b64(header)}.${b64raw(payloadText)}`;
  return `${input}.${sign(input, secret)}`;
}

async function rejection(fn: () => Promise<unknown>): Promise<AppError> {
  try {
    await fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('IDENTITY_INVALID');
    expect((err as AppError).status).toBe(401);
    return err as AppError;
  }
  throw new Error('expected the token to be rejected');
}

describe('verifyIdentityToken', async () => {
  it('accepts a valid token and returns its claims', async () => {
    const token = await signIdentityToken(
      {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        plan: 'pro',
        iat: nowSec,
        exp: nowSec + 600,
      },
      SECRET,
    );
    expect(await verifyIdentityToken(token, SECRET, NOW)).toEqual({
      claims: { name: 'Ada Lovelace', email: 'ada@example.com', plan: 'pro' },
    });
  });

  it('interoperates with a token built independently of signIdentityToken', async () => {
    const token = forge(
      { typ: 'JWT', alg: 'HS256' },
      `{"email":"bo@example.com","sub":"42","exp":${exp}}`,
    );
    expect(await (await verifyIdentityToken(token, SECRET, NOW)).claims).toEqual({
      email: 'bo@example.com',
    });
  });

  it('rejects a tampered payload', async () => {
    const [h, , s] = (await signIdentityToken({ email: 'ada@example.com', exp }, SECRET)).split(
      '.',
    );
    const tampered = `${h}.${b64({ email: 'admin@example.com' })}.${s}`;
    expect((await rejection(() => verifyIdentityToken(tampered, SECRET, NOW))).message).toMatch(
      /signature/,
    );
  });

  it('rejects a tampered header and a tampered signature', async () => {
    const [h, p, s] = (await signIdentityToken({ email: 'ada@example.com', exp }, SECRET)).split(
      '.',
    ) as [string, string, string];
    const otherHeader = b64({ alg: 'HS256', typ: 'JWT', kid: 'x' });
    await rejection(() => verifyIdentityToken(`${otherHeader}.${p}.${s}`, SECRET, NOW));
    const flipped = (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    await rejection(() => verifyIdentityToken(`${h}.${p}.${flipped}`, SECRET, NOW));
    await rejection(() => verifyIdentityToken(`${h}.${p}.${s.slice(0, -1)}`, SECRET, NOW));
    await rejection(() => verifyIdentityToken(`${h}.${p}.${s}AAAA`, SECRET, NOW));
  });

  it('rejects a signature that decodes to the same bytes but is not the canonical encoding', async () => {
    const token = await signIdentityToken({ email: 'ada@example.com', exp }, SECRET);
    const [h, p, s] = token.split('.') as [string, string, string];
    // 32 bytes are 43 base64url characters; the last one carries 2 unused bits.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(s.at(-1)!);
    const variant = s.slice(0, -1) + alphabet[last ^ 1];
    expect(Buffer.from(variant, 'base64url')).toEqual(Buffer.from(s, 'base64url'));
    await rejection(() => verifyIdentityToken(`${h}.${p}.${variant}`, SECRET, NOW));
  });

  it('rejects a token signed with another secret', async () => {
    const token = await signIdentityToken({ email: 'ada@example.com', exp }, 'another-secret');
    expect((await rejection(() => verifyIdentityToken(token, SECRET, NOW))).message).toBe(
      'The identity token signature does not match the site secret.',
    );
  });

  it('rejects an unsigned token (alg none), with or without a signature part', async () => {
    const input = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ email: 'ada@example.com' })}`;
    expect((await rejection(() => verifyIdentityToken(`${input}.`, SECRET, NOW))).message).toMatch(
      /HS256, not "none"/,
    );
    // Even a correct HMAC does not make "none" acceptable.
    await rejection(() => verifyIdentityToken(`${input}.${sign(input)}`, SECRET, NOW));
    await rejection(() =>
      verifyIdentityToken(forge({ alg: 'None' }, '{"email":"ada@example.com"}'), SECRET, NOW),
    );
  });

  it('rejects every algorithm but HS256, even when the HMAC is right', async () => {
    for (const alg of ['HS512', 'HS384', 'RS256', 'ES256', 'hs256', null, 42]) {
      const message = (
        await rejection(() =>
          verifyIdentityToken(forge({ alg, typ: 'JWT' }, '{"email":"a@b.c"}'), SECRET, NOW),
        )
      ).message;
      expect(message).toMatch(/must be signed with HS256/);
    }
    await rejection(() => verifyIdentityToken(forge({ typ: 'JWT' }, '{}'), SECRET, NOW));
  });

  it('rejects critical header extensions', async () => {
    const token = forge({ alg: 'HS256', crit: ['exp'] }, '{"email":"a@b.c"}');
    expect((await rejection(() => verifyIdentityToken(token, SECRET, NOW))).message).toMatch(
      /critical/,
    );
  });

  it('rejects an expired token, allowing 60 seconds of clock skew', async () => {
    const token = await signIdentityToken({ email: 'a@b.c', exp: nowSec - 30 }, SECRET);
    expect(await (await verifyIdentityToken(token, SECRET, NOW)).claims).toEqual({
      email: 'a@b.c',
    });
    const expired = await signIdentityToken({ email: 'a@b.c', exp: nowSec - 60 }, SECRET);
    expect((await rejection(() => verifyIdentityToken(expired, SECRET, NOW))).message).toBe(
      'The identity token has expired.',
    );
    const long = await signIdentityToken({ email: 'a@b.c', exp: nowSec - 3600 }, SECRET);
    await rejection(() => verifyIdentityToken(long, SECRET, NOW));
  });

  it('rejects a token without an expiry: it would vouch for the visitor forever', async () => {
    const forever = await signIdentityToken({ email: 'a@b.c', iat: nowSec }, SECRET);
    expect((await rejection(() => verifyIdentityToken(forever, SECRET, NOW))).message).toMatch(
      /no "exp" claim/,
    );
  });

  it('rejects a token before its nbf, allowing 60 seconds of clock skew', async () => {
    const soon = await signIdentityToken({ email: 'a@b.c', nbf: nowSec + 59, exp }, SECRET);
    expect(await (await verifyIdentityToken(soon, SECRET, NOW)).claims).toEqual({ email: 'a@b.c' });
    const later = await signIdentityToken({ email: 'a@b.c', nbf: nowSec + 61, exp }, SECRET);
    expect((await rejection(() => verifyIdentityToken(later, SECRET, NOW))).message).toMatch(/nbf/);
  });

  it('rejects a token issued more than 60 seconds in the future', async () => {
    const ok = await signIdentityToken({ email: 'a@b.c', iat: nowSec + 60, exp }, SECRET);
    expect(await (await verifyIdentityToken(ok, SECRET, NOW)).claims).toEqual({ email: 'a@b.c' });
    const future = await signIdentityToken({ email: 'a@b.c', iat: nowSec + 61, exp }, SECRET);
    expect((await rejection(() => verifyIdentityToken(future, SECRET, NOW))).message).toMatch(
      /future/,
    );
  });

  it('rejects a token issued more than a day ago, even one that has not expired', async () => {
    const day = 24 * 3600;
    const fresh = await signIdentityToken({ email: 'a@b.c', iat: nowSec - day + 5, exp }, SECRET);
    expect((await verifyIdentityToken(fresh, SECRET, NOW)).claims).toEqual({ email: 'a@b.c' });
    const stale = await signIdentityToken({ email: 'a@b.c', iat: nowSec - day - 5, exp }, SECRET);
    expect((await rejection(() => verifyIdentityToken(stale, SECRET, NOW))).message).toMatch(
      /more than a day old/,
    );
  });

  it('rejects time claims that are not numbers', async () => {
    for (const claim of ['exp', 'nbf', 'iat']) {
      const token = await signIdentityToken(
        { email: 'a@b.c', exp, [claim]: String(nowSec + 600) },
        SECRET,
      );
      expect((await rejection(() => verifyIdentityToken(token, SECRET, NOW))).message).toContain(
        claim,
      );
    }
  });

  it('rejects malformed tokens', async () => {
    const valid = await signIdentityToken({ email: 'a@b.c', exp }, SECRET);
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
      await rejection(() => verifyIdentityToken(token, SECRET, NOW));
    }
    expect((await rejection(() => verifyIdentityToken('a.b', SECRET, NOW))).message).toMatch(
      /three base64url parts/,
    );
  });

  it('rejects a header that is not JSON', async () => {
    const input = `${b64raw('not json')}.${b64({ email: 'a@b.c' })}`;
    expect(
      (await rejection(() => verifyIdentityToken(`${input}.${sign(input)}`, SECRET, NOW))).message,
    ).toMatch(/header is not a JSON object/);
  });

  it('rejects a payload that is not a JSON object, even when signed', async () => {
    for (const payload of ['[1,2]', '"ada"', '42', 'null', 'not json', '{"email":']) {
      const message = (
        await rejection(() => verifyIdentityToken(forge({ alg: 'HS256' }, payload), SECRET, NOW))
      ).message;
      expect(message).toMatch(/payload is not a JSON object/);
    }
  });

  it('refuses to verify with an empty secret', async () => {
    const token = await signIdentityToken({ email: 'a@b.c', exp }, SECRET);
    expect((await rejection(() => verifyIdentityToken(token, '', NOW))).message).toMatch(
      /no identity secret/,
    );
  });

  it('keeps only bounded string claims that are not registered', async () => {
    const token = await signIdentityToken(
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
    expect(await (await verifyIdentityToken(token, SECRET, NOW)).claims).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      plan: 'pro',
      'customer.id': 'C-1',
      ['k'.repeat(40)]: 'longest key',
      longest: 'v'.repeat(500),
      empty: '',
    });
  });

  it('drops bidirectional controls from the claims it vouches for', async () => {
    const token = await signIdentityToken({ name: '\u202Egnp.exe', exp }, SECRET);
    expect((await verifyIdentityToken(token, SECRET, NOW)).claims).toEqual({ name: 'gnp.exe' });
  });

  it('keeps at most 20 claims, the first ones in the token', async () => {
    const many = {
      exp,
      ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`c${i}`, `v${i}`])),
    };
    const token = await signIdentityToken(many, SECRET);
    const { claims } = await verifyIdentityToken(token, SECRET, NOW);
    expect(Object.keys(claims)).toHaveLength(20);
    expect(claims.c0).toBe('v0');
    expect(claims.c19).toBe('v19');
    expect(claims.c20).toBeUndefined();
  });

  it('does not let a __proto__ claim touch the prototype', async () => {
    const token = forge(
      { alg: 'HS256' },
      `{"__proto__":"x","constructor":"y","email":"a@b.c","exp":${exp}}`,
    );
    const claims = (await verifyIdentityToken(token, SECRET, NOW)).claims;
    expect(Object.getPrototypeOf(claims)).toBe(Object.prototype);
    expect(Object.keys(claims).sort()).toEqual(['constructor', 'email']);
  });
});

describe('newIdentitySecret', async () => {
  it('makes 32 random bytes in base64url', async () => {
    const a = newIdentitySecret();
    const b = newIdentitySecret();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(a).not.toBe(b);
    const token = await signIdentityToken({ email: 'a@b.c', exp }, a);
    expect(await (await verifyIdentityToken(token, a, NOW)).claims).toEqual({ email: 'a@b.c' });
    await rejection(() => verifyIdentityToken(token, b, NOW));
  });
});
