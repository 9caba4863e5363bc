import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../storage/database.js';
import { startServer, type TestServer } from '../test/server.js';
import { createTestDatabase, type TestDatabase } from '../test/storage.js';

describe('security headers', () => {
  let database: TestDatabase;
  let storage: Storage;
  let plain: TestServer;
  let secure: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    storage = database.open();
    plain = await startServer(storage);
    secure = await startServer(storage, { env: { PUBLIC_URL: 'https://chat.example.com' } });
  });
  afterAll(async () => {
    await plain.close();
    await secure.close();
    await storage.close();
    await database.drop();
  });

  it('sends Referrer-Policy, Permissions-Policy and nosniff on every response, errors included', async () => {
    for (const path of ['/healthz', '/api/v1/auth/session', '/no-such-page']) {
      const res = await fetch(`${plain.url}${path}`);
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
      expect(res.headers.get('permissions-policy'), path).toContain('camera=()');
      expect(res.headers.get('permissions-policy'), path).toContain('geolocation=()');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('lets other sites load the widget: no X-Frame-Options, resources shareable cross-origin', async () => {
    const res = await fetch(`${plain.url}/healthz`);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });

  it('sends HSTS only when PUBLIC_URL is https', async () => {
    expect(
      (await fetch(`${plain.url}/healthz`)).headers.get('strict-transport-security'),
    ).toBeNull();
    expect((await fetch(`${secure.url}/healthz`)).headers.get('strict-transport-security')).toBe(
      'max-age=31536000',
    );
  });
});
