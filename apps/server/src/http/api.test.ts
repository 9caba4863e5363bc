import { API_PREFIX } from '@parley/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../storage/database.js';
import {
  ADMIN,
  agentFetch,
  newVisitor,
  signIn,
  startServer,
  visitorFetch,
  type TestServer,
} from '../test/server.js';
import { createTestDatabase, dialects, type TestDatabase } from '../test/storage.js';

describe.each(dialects)('REST API (%s)', (dialect) => {
  let database: TestDatabase;
  let storage: Storage;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    storage = database.open();
    server = await startServer(storage);
  });
  afterAll(async () => {
    await server.close();
    await storage.close();
    await database.drop();
  });

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${API_PREFIX}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('reports health', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', storage: 'ok' });
  });

  it('signs an agent in with an httpOnly SameSite cookie and refuses a wrong password', async () => {
    const good = await post('/auth/login', {
      email: ADMIN.email.toUpperCase(),
      password: ADMIN.password,
    });
    expect(good.status).toBe(200);
    expect(good.headers.get('set-cookie')).toMatch(/parley_session=.+HttpOnly.*SameSite=Lax/i);
    const bad = await post('/auth/login', { email: ADMIN.email, password: 'wrong password' });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    const unknown = await post('/auth/login', {
      email: 'nobody@example.com',
      password: 'whatever',
    });
    expect(await unknown.json()).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
  });

  it('answers malformed requests with VALIDATION_FAILED and field details', async () => {
    const notJson = await post('/auth/login', '{"email":');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const badEmail = await post('/auth/login', { email: 'not-an-email', password: 'x' });
    expect(await badEmail.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { email: expect.any(String) } },
    });
    const unknownRoute = await fetch(`${server.url}${API_PREFIX}/nope`);
    expect(unknownRoute.status).toBe(404);
    expect(await unknownRoute.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('requires the CSRF token for cookie-authenticated changes', async () => {
    const login = await signIn(server.url);
    const withoutToken = await fetch(`${server.url}${API_PREFIX}/agents/me/status`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', cookie: login.cookie },
      body: JSON.stringify({ status: 'online' }),
    });
    expect(withoutToken.status).toBe(403);
    expect(await withoutToken.json()).toMatchObject({ error: { code: 'CSRF_FAILED' } });
    const foreignOrigin = await agentFetch(server.url, login, '/agents/me/status', {
      method: 'PUT',
      body: JSON.stringify({ status: 'online' }),
      headers: { origin: 'https://evil.example' },
    });
    expect(await foreignOrigin.json()).toMatchObject({ error: { code: 'ORIGIN_NOT_ALLOWED' } });
    const withToken = await agentFetch(server.url, login, '/agents/me/status', {
      method: 'PUT',
      body: JSON.stringify({ status: 'online' }),
    });
    expect(withToken.status).toBe(200);
    expect(await withToken.json()).toMatchObject({ agent: { status: 'online' } });
  });

  it('lets an admin add agents, refuses duplicates and non-admins', async () => {
    const admin = await signIn(server.url);
    const body = {
      email: 'Zoe@Example.com',
      name: 'Zoe',
      password: 'zoe-password-1',
      role: 'agent',
    };
    const created = await agentFetch(server.url, admin, '/agents', {
      method: 'POST',
      body: JSON.stringify(body),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      agent: { email: 'zoe@example.com', role: 'agent', status: 'offline' },
    });
    const again = await agentFetch(server.url, admin, '/agents', {
      method: 'POST',
      body: JSON.stringify(body),
    });
    expect(await again.json()).toMatchObject({ error: { code: 'EMAIL_TAKEN' } });
    const zoe = await signIn(server.url, 'zoe@example.com', 'zoe-password-1');
    const byAgent = await agentFetch(server.url, zoe, '/agents', {
      method: 'POST',
      body: JSON.stringify({ ...body, email: 'other@example.com' }),
    });
    expect(byAgent.status).toBe(403);
    const list = (await (await agentFetch(server.url, zoe, '/agents')).json()) as {
      agents: Array<{ email: string }>;
    };
    expect(list.agents.map((a) => a.email)).toEqual(
      expect.arrayContaining(['zoe@example.com', ADMIN.email]),
    );
    expect(JSON.stringify(list)).not.toMatch(/password/i);
  });

  it('changes only the settings an admin sends', async () => {
    const admin = await signIn(server.url);
    const patch = (body: object) =>
      agentFetch(server.url, admin, '/settings', { method: 'PATCH', body: JSON.stringify(body) });
    await patch({ offerTimeoutSeconds: 90, autoGreeting: 'Hi {visitor}!' });
    const res = await patch({ maxChatsPerAgent: 7 });
    expect(await res.json()).toMatchObject({
      settings: { offerTimeoutSeconds: 90, autoGreeting: 'Hi {visitor}!', maxChatsPerAgent: 7 },
    });
    const invalid = await patch({ offerTimeoutSeconds: 1 });
    expect(await invalid.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { offerTimeoutSeconds: expect.any(String) } },
    });
    await patch({ offerTimeoutSeconds: 30, autoGreeting: '', maxChatsPerAgent: 5 });
  });

  it('ends the session on sign-out', async () => {
    const login = await signIn(server.url);
    expect((await agentFetch(server.url, login, '/auth/session')).status).toBe(200);
    expect((await agentFetch(server.url, login, '/auth/logout', { method: 'POST' })).status).toBe(
      204,
    );
    const after = await agentFetch(server.url, login, '/auth/session');
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });

  it('runs a whole chat over REST, and keeps visitors to their own conversations', async () => {
    const a = await newVisitor(server.url, server.siteKey);
    const b = await newVisitor(server.url, server.siteKey);
    const started = await visitorFetch(server.url, a.token, '/widget/conversations', {
      method: 'POST',
    });
    expect(started.status).toBe(201);
    const { conversation } = (await started.json()) as { conversation: { id: string } };
    const again = (await (
      await visitorFetch(server.url, a.token, '/widget/conversations', { method: 'POST' })
    ).json()) as { conversation: { id: string } };
    expect(again.conversation.id).toBe(conversation.id);

    const sent = await visitorFetch(
      server.url,
      a.token,
      `/widget/conversations/${conversation.id}/messages`,
      {
        method: 'POST',
        body: JSON.stringify({ clientId: 'rest-client-0001', body: 'Hello over REST' }),
      },
    );
    expect(sent.status).toBe(201);
    const retried = await visitorFetch(
      server.url,
      a.token,
      `/widget/conversations/${conversation.id}/messages`,
      {
        method: 'POST',
        body: JSON.stringify({ clientId: 'rest-client-0001', body: 'Hello over REST' }),
      },
    );
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ duplicate: true, seq: 1 });

    for (const path of [`/widget/conversations/${conversation.id}/messages`]) {
      const res = await visitorFetch(server.url, b.token, path);
      expect(res.status).toBe(404);
    }
    const bCurrent = (await (
      await visitorFetch(server.url, b.token, '/widget/conversations/current')
    ).json()) as { conversation: unknown };
    expect(bCurrent.conversation).toBeNull();
    expect(
      (await visitorFetch(server.url, 'forged-token', '/widget/conversations/current')).status,
    ).toBe(401);

    const login = await signIn(server.url);
    const accepted = await agentFetch(
      server.url,
      login,
      `/conversations/${conversation.id}/accept`,
      { method: 'POST' },
    );
    expect(await accepted.json()).toMatchObject({ conversation: { status: 'active' } });
    const history = (await (
      await agentFetch(server.url, login, `/conversations/${conversation.id}/messages`)
    ).json()) as { messages: Array<{ body: string }> };
    expect(history.messages.map((m) => m.body)).toEqual([
      'Hello over REST',
      'Admin joined the chat',
    ]);
    const closed = await agentFetch(server.url, login, `/conversations/${conversation.id}/close`, {
      method: 'POST',
    });
    expect(await closed.json()).toMatchObject({
      conversation: { status: 'closed', closedBy: 'agent' },
    });
  });

  it('serves a widget config for a known site and 404 for an unknown one', async () => {
    const known = await fetch(`${server.url}${API_PREFIX}/widget/config?siteKey=${server.siteKey}`);
    expect(await known.json()).toMatchObject({
      config: { siteKey: server.siteKey, chatEnabled: true },
    });
    const unknown = await fetch(`${server.url}${API_PREFIX}/widget/config?siteKey=nope`);
    expect(unknown.status).toBe(404);
  });
});
