import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SendResult, VisitorConversation } from '@parley/protocol';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type ParleyApp } from '../app.js';
import { loadConfig } from '../config.js';
import { Metrics } from '../ports/metrics.js';
import type { Storage } from '../storage/database.js';
import { connectVisitor, connected, newVisitor, ok } from '../test/server.js';
import { useTestServer } from '../test/fixture.js';
import { createTestDatabase, dialects, type TestDatabase } from '../test/storage.js';
import { isLoopback } from './routes/metrics.js';

/** The value of one series in Prometheus text format; `labels` must all match. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | null {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries(
      [...(m[2] ?? '').matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)].map((l) => [l[1], l[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return null;
}

const FAMILIES: Array<[string, string]> = [
  ['parley_socket_connections', 'gauge'],
  ['parley_page_streams', 'gauge'],
  ['parley_messages_committed_total', 'counter'],
  ['parley_message_ack_seconds', 'histogram'],
  ['parley_writer_batch_size', 'histogram'],
  ['parley_queue_length', 'gauge'],
  ['parley_queue_longest_wait_seconds', 'gauge'],
  ['parley_database_errors_total', 'counter'],
  ['parley_redis_errors_total', 'counter'],
  ['nodejs_eventloop_lag_seconds', 'gauge'],
  ['nodejs_eventloop_lag_p99_seconds', 'gauge'],
  ['process_resident_memory_bytes', 'gauge'],
];

describe('isLoopback', () => {
  it('knows loopback addresses, also IPv4-mapped, and nothing else', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])
      expect(isLoopback(a), a).toBe(true);
    for (const a of [undefined, '', '10.1.2.3', '::ffff:10.1.2.3', '128.0.0.1', 'fe80::1', '::'])
      expect(isLoopback(a), String(a)).toBe(false);
  });
});

describe('Metrics', () => {
  it('keeps two apps in one process apart: each has its own registry', async () => {
    const a = new Metrics({ nodeId: 'a' });
    const b = new Metrics({ nodeId: 'b' });
    a.batchCommitted(3, 2);
    const [textA, textB] = await Promise.all([a.render(), b.render()]);
    expect(sample(textA, 'parley_messages_committed_total', { node: 'a' })).toBe(2);
    expect(sample(textB, 'parley_messages_committed_total', { node: 'b' })).toBe(0);
    expect(sample(textA, 'parley_writer_batch_size_count')).toBe(1);
    expect(sample(textA, 'parley_writer_batch_size_bucket', { le: '2' })).toBe(0);
    expect(sample(textA, 'parley_writer_batch_size_bucket', { le: '4' })).toBe(1);
  });

  it('reads the queue once per scrape and reports a failed read as NaN and a database error', async () => {
    const m = new Metrics({ nodeId: 'n', processMetrics: false });
    let reads = 0;
    m.collectQueue(() => {
      reads += 1;
      return Promise.resolve({ length: 4, longestWaitSeconds: 12.5 });
    });
    const text = await m.render();
    expect(reads).toBe(1);
    expect(sample(text, 'parley_queue_length')).toBe(4);
    expect(sample(text, 'parley_queue_longest_wait_seconds')).toBe(12.5);

    m.collectQueue(() => Promise.reject(new Error('database down')));
    const failed = await m.render();
    expect(sample(failed, 'parley_queue_length')).toBeNaN();
    expect(sample(failed, 'parley_database_errors_total')).toBe(1);
  });

  it('counts connections by namespace and page streams, from 0', async () => {
    const m = new Metrics({ nodeId: 'n', processMetrics: false });
    expect(sample(await m.render(), 'parley_socket_connections', { namespace: 'agent' })).toBe(0);
    m.socketConnected('visitor');
    m.socketConnected('visitor');
    m.socketDisconnected('visitor');
    m.socketConnected('agent');
    m.pageStreamOpened();
    m.observeAck(0.003);
    const text = await m.render();
    expect(sample(text, 'parley_socket_connections', { namespace: 'visitor' })).toBe(1);
    expect(sample(text, 'parley_socket_connections', { namespace: 'agent' })).toBe(1);
    expect(sample(text, 'parley_page_streams')).toBe(1);
    expect(sample(text, 'parley_message_ack_seconds_bucket', { le: '0.0025' })).toBe(0);
    expect(sample(text, 'parley_message_ack_seconds_bucket', { le: '0.005' })).toBe(1);
  });
});

describe.each(dialects)('GET /metrics (%s)', (dialect) => {
  let now = Date.now();
  const clock = { now: () => now };
  const t = useTestServer(dialect, { clock });

  const scrape = async () => {
    const res = await fetch(`${t.server.url}/metrics`);
    expect(res.status).toBe(200);
    return res.text();
  };

  it('serves every family in Prometheus text format to 127.0.0.1, labelled with the node', async () => {
    const res = await fetch(`${t.server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    for (const [name, type] of FAMILIES) expect(text).toContain(`# TYPE ${name} ${type}\n`);
    const node = t.server.app.deps.config.nodeId;
    expect(sample(text, 'parley_socket_connections', { namespace: 'visitor', node })).toBe(0);
    expect(sample(text, 'nodejs_eventloop_lag_seconds', { node })).not.toBeNull();
  });

  it('counts committed messages and reports the waiting line', async () => {
    const before = await scrape();
    const committed = sample(before, 'parley_messages_committed_total')!;
    const queued = sample(before, 'parley_queue_length')!;

    const { token } = await newVisitor(t.server.url, t.server.siteKey);
    const visitor = connectVisitor(t.server.url, token);
    t.track(visitor);
    await connected(visitor);
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      visitor,
      'conversation:start',
    );
    const sent = await ok<SendResult>(visitor, 'message:send', {
      conversationId: conversation.id,
      clientId: 'metrics-1',
      body: 'Is anyone there?',
    });
    expect(sent.duplicate).toBe(false);
    // A retry of the same send is acknowledged again but commits nothing new.
    await ok<SendResult>(visitor, 'message:send', {
      conversationId: conversation.id,
      clientId: 'metrics-1',
      body: 'Is anyone there?',
    });
    now += 90_000;

    const after = await scrape();
    expect(sample(after, 'parley_messages_committed_total')).toBe(committed + 1);
    // Nobody is online: the chat waits in the line.
    expect(sample(after, 'parley_queue_length')).toBe(queued + 1);
    expect(sample(after, 'parley_queue_longest_wait_seconds')).toBeGreaterThanOrEqual(90);
    expect(sample(after, 'parley_writer_batch_size_count')).toBeGreaterThanOrEqual(2);
  });

  it('counts open sockets by namespace and times every message:send to its ack', async () => {
    const before = await scrape();
    const visitorsBefore = sample(before, 'parley_socket_connections', { namespace: 'visitor' })!;
    const acksBefore = sample(before, 'parley_message_ack_seconds_count')!;

    const { token } = await newVisitor(t.server.url, t.server.siteKey);
    const visitor = connectVisitor(t.server.url, token);
    t.track(visitor);
    await connected(visitor);
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      visitor,
      'conversation:start',
    );
    for (const n of [1, 2, 3])
      await ok<SendResult>(visitor, 'message:send', {
        conversationId: conversation.id,
        clientId: `timed-send-${n}`,
        body: `Message ${n}`,
      });

    const during = await scrape();
    expect(sample(during, 'parley_socket_connections', { namespace: 'visitor' })).toBe(
      visitorsBefore + 1,
    );
    // Three sends, three acks timed; conversation:start is not a send and is not counted.
    expect(sample(during, 'parley_message_ack_seconds_count')).toBe(acksBefore + 3);
    expect(sample(during, 'parley_message_ack_seconds_sum')).toBeGreaterThan(0);

    const gone = new Promise<void>((resolve) => visitor.once('disconnect', () => resolve()));
    visitor.disconnect();
    await gone;
    // The server sees the close a moment after the client; poll the scrape until it does.
    let after = '';
    for (let i = 0; i < 50; i += 1) {
      after = await scrape();
      if (sample(after, 'parley_socket_connections', { namespace: 'visitor' }) === visitorsBefore)
        break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(
      sample(after, 'parley_socket_connections', { namespace: 'visitor' }),
      'visitor connections after the socket closed',
    ).toBe(visitorsBefore);
  });

  it('refuses a peer that is not local, whatever X-Forwarded-For says', async () => {
    const res = await t.server.app.http.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '10.1.2.3',
      headers: { 'x-forwarded-for': '127.0.0.1' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ error: { code: 'FORBIDDEN', message: expect.any(String) } });
  });

  it('refuses a local peer that forwards for someone else (a balancer on this host)', async () => {
    const res = await t.server.app.http.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});

describe.each(dialects)('GET /metrics with METRICS_TOKEN (%s)', (dialect) => {
  const TOKEN = 'scrape-token-0123456789abcdef';
  let database: TestDatabase;
  let storage: Storage;
  let app: ParleyApp;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    storage = database.open();
    app = await buildApp({
      config: loadConfig({
        DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'parley-data-')),
        NODE_ID: 'metrics-node',
        METRICS_TOKEN: TOKEN,
      }),
      storage,
      logger: pino({ level: 'silent' }),
      routingTickMs: 0,
    });
  });
  afterAll(async () => {
    await app.close();
    await storage.close();
    await database.drop();
  });

  const get = (remoteAddress: string, authorization?: string) =>
    app.http.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress,
      ...(authorization ? { headers: { authorization } } : {}),
    });

  it('serves any address that sends the token', async () => {
    const res = await get('10.1.2.3', `Bearer ${TOKEN}`);
    expect(res.statusCode).toBe(200);
    expect(sample(res.body, 'parley_messages_committed_total', { node: 'metrics-node' })).toBe(0);
  });

  it('refuses a wrong or missing token with 401, from anywhere', async () => {
    for (const [address, auth] of [
      ['10.1.2.3', 'Bearer wrong-token'],
      ['10.1.2.3', `Bearer ${TOKEN}x`],
      ['10.1.2.3', `Basic ${TOKEN}`],
      ['10.1.2.3', undefined],
      ['127.0.0.1', undefined],
    ] as const) {
      const res = await get(address, auth);
      expect(res.statusCode, `${address} ${auth}`).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    }
  });
});
