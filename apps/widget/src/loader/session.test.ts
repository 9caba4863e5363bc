import { describe, expect, it, vi } from 'vitest';
import type { Key, SiteStore } from './persist';
import { Session } from './session';

function memoryStore(initial: Partial<Record<Key, string>> = {}): SiteStore {
  const map = new Map<string, string>(Object.entries(initial));
  return {
    get: (k) => map.get(k) ?? null,
    set: (k, v) => void (v === null ? map.delete(k) : map.set(k, v)),
  };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const self = { id: 'v1', code: '#4821', name: 'Ana', email: 'ana@example.com', verified: [] };

describe('the visitor session (loader)', () => {
  it('creates a session once, keeps the token and tells the frame', async () => {
    const store = memoryStore();
    const http = vi.fn(async () => json(201, { token: 'tok-1', visitor: self }));
    const onNew = vi.fn();
    const session = new Session('https://chat.example', 'site_1', store, onNew, http);
    const [a, b] = await Promise.all([session.token(), session.token()]);
    expect(a).toBe('tok-1');
    expect(b).toBe('tok-1');
    expect(http).toHaveBeenCalledTimes(1);
    const [url, init] = http.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('https://chat.example/api/v1/widget/sessions');
    expect(JSON.parse(init.body as string)).toEqual({ siteKey: 'site_1' });
    expect(init.credentials).toBe('omit');
    expect(store.get('token')).toBe('tok-1');
    expect(onNew).toHaveBeenCalledWith('tok-1');
  });

  it('reuses a stored token without asking the server', async () => {
    const http = vi.fn();
    const session = new Session('https://c', 's', memoryStore({ token: 'kept' }), undefined, http);
    expect(await session.token()).toBe('kept');
    expect(http).not.toHaveBeenCalled();
  });

  it('fails with the server’s code when the site refuses sessions', async () => {
    const http = vi.fn(async () =>
      json(403, { error: { code: 'BANNED', message: 'Chat is not available right now.' } }),
    );
    const session = new Session('https://c', 's', memoryStore(), undefined, http);
    await expect(session.token()).rejects.toMatchObject({ code: 'BANNED' });
  });

  it('replaces a refused token only once when two callers notice together', async () => {
    const store = memoryStore({ token: 'old' });
    const http = vi.fn(async () => json(201, { token: 'new', visitor: self }));
    const session = new Session('https://c', 's', store, undefined, http);
    const [a, b] = await Promise.all([session.renew('old'), session.renew('old')]);
    expect([a, b]).toEqual(['new', 'new']);
    expect(http).toHaveBeenCalledTimes(1);
    // Someone already renewed: a late caller with the stale token gets the new one.
    expect(await session.renew('old')).toBe('new');
    expect(http).toHaveBeenCalledTimes(1);
  });
});

describe('Parley.identify', () => {
  it('waits for the token, sends the identity with it and resolves with the visitor', async () => {
    const calls: Array<[string, RequestInit]> = [];
    const http = vi.fn(async (url: string, init: RequestInit) => {
      calls.push([url, init]);
      return url.endsWith('/sessions')
        ? json(201, { token: 'tok-1', visitor: self })
        : json(200, { visitor: self });
    });
    const session = new Session(
      'https://chat.example',
      's',
      memoryStore(),
      undefined,
      http as never,
    );
    const visitor = await session.identify({ name: 'Ana', jwt: 'x.y.z' });
    expect(visitor).toEqual(self);
    expect(calls.map(([u]) => u)).toEqual([
      'https://chat.example/api/v1/widget/sessions',
      'https://chat.example/api/v1/widget/identify',
    ]);
    const init = calls[1]![1];
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer tok-1');
    expect(JSON.parse(init.body as string)).toEqual({ name: 'Ana', jwt: 'x.y.z' });
  });

  it('rejects with an Error carrying the code', async () => {
    const http = vi.fn(async () =>
      json(401, {
        error: { code: 'IDENTITY_INVALID', message: 'The identity signature is not valid.' },
      }),
    );
    const session = new Session('https://c', 's', memoryStore({ token: 't' }), undefined, http);
    const err = await session.identify({ jwt: 'bad' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(err).toMatchObject({
      code: 'IDENTITY_INVALID',
      message: 'The identity signature is not valid.',
    });
  });

  it('renews an unknown token and tries once more', async () => {
    const store = memoryStore({ token: 'old' });
    const http = vi.fn(async (url: string, init: RequestInit) => {
      if (url.endsWith('/sessions')) return json(201, { token: 'new', visitor: self });
      const auth = (init.headers as Record<string, string>).authorization;
      return auth === 'Bearer old'
        ? json(401, { error: { code: 'UNAUTHENTICATED', message: 'Sign in first.' } })
        : json(200, { visitor: self });
    });
    const session = new Session('https://c', 's', store, undefined, http as never);
    expect(await session.identify({ email: 'ana@example.com' })).toEqual(self);
    expect(store.get('token')).toBe('new');
  });
});
