import { API_PREFIX, type ErrorResponse, type VisitorConversation } from '@parley/protocol';
import { io, type Socket } from 'socket.io-client';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestServer } from '../test/fixture.js';
import {
  connected,
  newVisitor,
  ok,
  openLive,
  request,
  visitorFetch,
  type LiveStream,
} from '../test/server.js';
import { dialects } from '../test/storage.js';

const rnd = () => Math.random().toString(36).slice(2, 12);
const cid = () => `client-${rnd()}`;
const pv = () => `pv-${rnd()}${rnd()}`;
const HOUR = 3600_000;

/** Low limits, so that a test reaches each one in a few requests. */
const LIMITS = {
  RATE_LIMIT_MESSAGES: '3/10s',
  RATE_LIMIT_MESSAGES_PER_IP: '5/10s',
  RATE_LIMIT_SESSIONS_PER_IP: '6/10m',
  RATE_LIMIT_TICKETS: '2/1h',
  RATE_LIMIT_TICKETS_PER_IP: '3/1h',
  RATE_LIMIT_IDENTIFY: '3/1m',
  RATE_LIMIT_IDENTIFY_PER_IP: '5/1m',
  RATE_LIMIT_PAGE_VIEWS: '3/1m',
  RATE_LIMIT_PAGE_VIEWS_PER_IP: '5/1m',
};

function movableClock() {
  let now = Date.UTC(2026, 0, 5, 9, 0, 0);
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

/** The refusal of a request past its limit: RATE_LIMITED and seconds to wait, 1..window. */
function expectLimited(error: ErrorResponse['error'] | undefined, windowS: number) {
  expect(error?.code).toBe('RATE_LIMITED');
  const retryAfter = Number(error?.details?.retryAfter);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(windowS);
}

function useLimitedServer(dialect: (typeof dialects)[number], env: Record<string, string> = {}) {
  const clock = movableClock();
  const t = useTestServer(dialect, { clock, env: { ...LIMITS, ...env } });
  // Every test starts past all windows of the tests before it.
  beforeEach(() => clock.advance(2 * HOUR));
  const session = (headers: Record<string, string> = {}) =>
    fetch(`${t.server.url}${API_PREFIX}/widget/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ siteKey: t.server.siteKey }),
    });
  /** A new visitor with a connected socket, the socket sending `headers` in its handshake. */
  const visitor = async (headers: Record<string, string> = {}) => {
    const { token, visitorId } = await newVisitor(t.server.url, t.server.siteKey);
    const socket: Socket = t.track(
      io(`${t.server.url}/visitor`, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        auth: { token },
        extraHeaders: headers,
      }),
    );
    await connected(socket);
    return { token, visitorId, socket };
  };
  const startChat = async (socket: Socket) =>
    (await ok<{ conversation: VisitorConversation }>(socket, 'conversation:start')).conversation;
  const send = (socket: Socket, conversationId: string, clientId = cid()) =>
    request<{ id: string }>(socket, 'message:send', { conversationId, clientId, body: 'hi' });
  const storedBodies = async (conversationId: string) =>
    (
      await t.storage.db
        .selectFrom('messages')
        .select('client_id')
        .where('conversation_id', '=', conversationId)
        .where('author_type', '=', 'visitor')
        .execute()
    ).map((m) => m.client_id);
  return { t, clock, session, visitor, startChat, send, storedBodies };
}

describe.each(dialects)('visitor abuse limits (%s)', (dialect) => {
  const s = useLimitedServer(dialect);

  it('refuses a visitor sending too fast, stores nothing refused, and lets them go on later', async () => {
    const { socket } = await s.visitor();
    const c = await s.startChat(socket);
    const sent = [cid(), cid(), cid()];
    for (const clientId of sent) expect((await s.send(socket, c.id, clientId)).ok).toBe(true);
    const late = cid();
    const refused = await s.send(socket, c.id, late);
    expectLimited(refused.ok ? undefined : refused.error, 10);
    expect(refused.ok ? '' : refused.error.message).toMatch(/too fast/);
    expect((await s.storedBodies(c.id)).sort()).toEqual([...sent].sort());

    s.clock.advance(10_000);
    expect((await s.send(socket, c.id, late)).ok).toBe(true);
    expect((await s.storedBodies(c.id)).sort()).toEqual([...sent, late].sort());
  });

  it('counts every visitor behind one address together, whatever the new session', async () => {
    const a = await s.visitor();
    const b = await s.visitor();
    const ca = await s.startChat(a.socket);
    const cb = await s.startChat(b.socket);
    for (let i = 0; i < 3; i++) expect((await s.send(a.socket, ca.id)).ok).toBe(true);
    for (let i = 0; i < 2; i++) expect((await s.send(b.socket, cb.id)).ok).toBe(true);
    // b has sent two of its three, but the address has used its five.
    const refused = await s.send(b.socket, cb.id);
    expectLimited(refused.ok ? undefined : refused.error, 10);
    const fresh = await s.visitor();
    const cf = await s.startChat(fresh.socket);
    const again = await s.send(fresh.socket, cf.id);
    expect(!again.ok && again.error.code).toBe('RATE_LIMITED');
  });

  it('limits sends over REST too, with a Retry-After header', async () => {
    const { token, socket } = await s.visitor();
    const c = await s.startChat(socket);
    const post = () =>
      visitorFetch(s.t.server.url, token, `/widget/conversations/${c.id}/messages`, {
        method: 'POST',
        body: JSON.stringify({ clientId: cid(), body: 'over rest' }),
      });
    for (let i = 0; i < 3; i++) expect((await post()).status).toBe(201);
    const refused = await post();
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expectLimited(((await refused.json()) as ErrorResponse).error, 10);
    s.clock.advance(retryAfter * 1000);
    expect((await post()).status).toBe(201);
  });

  it('limits new sessions per address, ignoring X-Forwarded-For without TRUST_PROXY', async () => {
    for (let i = 0; i < 6; i++) {
      // A client making up a new address each time does not get a new count.
      const res = await s.session({ 'x-forwarded-for': `203.0.113.${i + 1}` });
      expect(res.status).toBe(201);
    }
    const refused = await s.session({ 'x-forwarded-for': '198.51.100.7' });
    expect(refused.status).toBe(429);
    expectLimited(((await refused.json()) as ErrorResponse).error, 600);
    s.clock.advance(10 * 60_000);
    expect((await s.session()).status).toBe(201);
  });

  it('ignores X-Forwarded-For on visitor sockets without TRUST_PROXY', async () => {
    const a = await s.visitor({ 'x-forwarded-for': '203.0.113.10' });
    const b = await s.visitor({ 'x-forwarded-for': '203.0.113.11' });
    const ca = await s.startChat(a.socket);
    const cb = await s.startChat(b.socket);
    for (let i = 0; i < 3; i++) expect((await s.send(a.socket, ca.id)).ok).toBe(true);
    for (let i = 0; i < 2; i++) expect((await s.send(b.socket, cb.id)).ok).toBe(true);
    const refused = await s.send(b.socket, cb.id);
    expect(!refused.ok && refused.error.code).toBe('RATE_LIMITED');
  });

  it('limits page views per visitor and per address; a new session does not reset them', async () => {
    const streams: LiveStream[] = [];
    const view = (token: string) => {
      const stream = openLive(s.t.server.url, { t: token, pv: pv(), url: 'https://shop.example/' });
      streams.push(stream);
      return Promise.race([
        stream.next('ready').then(() => 'ready'),
        stream.next<{ code: string }>('refused').then((r) => r.code),
      ]);
    };
    try {
      const a = await newVisitor(s.t.server.url, s.t.server.siteKey);
      for (let i = 0; i < 3; i++) expect(await view(a.token)).toBe('ready');
      expect(await view(a.token)).toBe('RATE_LIMITED');
      // Clearing the widget's storage gives a new visitor, not a new count for the address.
      const b = await newVisitor(s.t.server.url, s.t.server.siteKey);
      for (let i = 0; i < 2; i++) expect(await view(b.token)).toBe('ready');
      expect(await view(b.token)).toBe('RATE_LIMITED');
      s.clock.advance(60_000);
      expect(await view(a.token)).toBe('ready');
    } finally {
      for (const stream of streams) stream.close();
    }
  });

  it('limits messages left through the form per visitor and per address', async () => {
    const ticket = (socket: Socket) =>
      request(socket, 'ticket:create', {
        name: 'Ann',
        email: 'ann@example.com',
        message: 'Please call me back',
      });
    const a = await s.visitor();
    for (let i = 0; i < 2; i++) expect((await ticket(a.socket)).ok).toBe(true);
    const refused = await ticket(a.socket);
    expectLimited(refused.ok ? undefined : refused.error, 3600);
    const b = await s.visitor();
    expect((await ticket(b.socket)).ok).toBe(true);
    const byAddress = await ticket(b.socket);
    expect(!byAddress.ok && byAddress.error.code).toBe('RATE_LIMITED');
    const stored = await s.t.storage.db
      .selectFrom('tickets')
      .select('id')
      .where('visitor_id', 'in', [a.visitorId, b.visitorId])
      .execute();
    expect(stored).toHaveLength(3);
    s.clock.advance(HOUR);
    expect((await ticket(a.socket)).ok).toBe(true);
  });

  it('limits identify() and detail changes per visitor, with Retry-After', async () => {
    const { token, socket } = await s.visitor();
    const identify = (name: string) =>
      visitorFetch(s.t.server.url, token, '/widget/identify', {
        method: 'POST',
        body: JSON.stringify({ name }),
      });
    expect((await identify('Ann')).status).toBe(200);
    expect((await identify('Ann B')).status).toBe(200);
    expect((await request(socket, 'visitor:update', { name: 'Ann C' })).ok).toBe(true);
    const refused = await identify('Mallory');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const me = await ok<{ visitor: { name: string | null } }>(socket, 'visitor:me');
    expect(me.visitor.name).toBe('Ann C');
    s.clock.advance(60_000);
    expect((await identify('Ann D')).status).toBe(200);
  });
});

describe.each(dialects)('visitor abuse limits behind a trusted proxy (%s)', (dialect) => {
  const s = useLimitedServer(dialect, { TRUST_PROXY: 'true' });

  it('counts the address the proxy forwarded', async () => {
    for (let i = 0; i < 6; i++)
      expect((await s.session({ 'x-forwarded-for': '203.0.113.5' })).status).toBe(201);
    expect((await s.session({ 'x-forwarded-for': '203.0.113.5' })).status).toBe(429);
    // Another client behind the same proxy has a count of its own.
    expect((await s.session({ 'x-forwarded-for': '203.0.113.6, 10.0.0.1' })).status).toBe(201);
  });

  it('counts socket messages by the forwarded address', async () => {
    const a = await s.visitor({ 'x-forwarded-for': '198.51.100.1' });
    const b = await s.visitor({ 'x-forwarded-for': '198.51.100.2' });
    const ca = await s.startChat(a.socket);
    const cb = await s.startChat(b.socket);
    for (let i = 0; i < 3; i++) expect((await s.send(a.socket, ca.id)).ok).toBe(true);
    // Without the proxy's word these five would share one address and the last would fail.
    for (let i = 0; i < 3; i++) expect((await s.send(b.socket, cb.id)).ok).toBe(true);
  });
});
