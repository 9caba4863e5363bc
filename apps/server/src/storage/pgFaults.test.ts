import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Socket } from 'socket.io-client';
import type { Ack, SendResult, VisitorConversation } from '@parley/protocol';
import {
  adminQuery,
  havePostgresBinaries,
  startTestPostgres,
  type TestPostgres,
} from '../test/postgresServer.js';
import {
  connected,
  connectVisitor,
  newVisitor,
  ok,
  request,
  startServer,
  type TestServer,
  visitorFetch,
} from '../test/server.js';
import { dialects } from '../test/storage.js';
import { openStorage, type Storage } from './database.js';

interface Send {
  clientId: string;
  issuedAt: number;
  settledAt: number | null;
  /** null until answered; a timeout (no answer in 10 s) is recorded as an error ack 'TIMEOUT'. */
  ack: Ack<SendResult> | { ok: false; error: { code: 'TIMEOUT' } } | null;
}

/** A visitor sending at a steady pace, one send every `everyMs`, never waiting for acks. */
class SteadySender {
  readonly sends: Send[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly pending = new Set<Promise<void>>();
  private n = 0;

  constructor(
    private readonly socket: Socket,
    private readonly conversationId: string,
    private readonly everyMs = 25,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.sendOne(), this.everyMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all([...this.pending]);
  }

  private sendOne(): void {
    const send: Send = {
      clientId: `steady-${this.n++}-${Math.random().toString(36).slice(2, 10)}`,
      issuedAt: Date.now(),
      settledAt: null,
      ack: null,
    };
    this.sends.push(send);
    const p = request<SendResult>(this.socket, 'message:send', {
      conversationId: this.conversationId,
      clientId: send.clientId,
      body: `steady ${this.n}`,
    }).then(
      (ack) => {
        send.ack = ack;
        send.settledAt = Date.now();
      },
      () => {
        send.ack = { ok: false, error: { code: 'TIMEOUT' } };
        send.settledAt = Date.now();
      },
    );
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  /** Sends issued at or after `t` (and before `until`, if given). */
  issued(t: number, until = Infinity): Send[] {
    return this.sends.filter((s) => s.issuedAt >= t && s.issuedAt < until);
  }
}

/** Re-checks `predicate` every 25 ms; fails naming `what` if it does not hold within `timeoutMs`. */
async function until(what: string, predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const okCount = (sends: Send[]) => sends.filter((s) => s.ack?.ok === true).length;

/** The server's log lines, parsed (pino writes one JSON object per line). */
function capturedLogger(): { logger: pino.Logger; lines: Array<{ level: number; msg: string }> } {
  const lines: Array<{ level: number; msg: string }> = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, sink), lines };
}

describe.runIf(havePostgresBinaries && dialects.includes('postgres'))(
  'a PostgreSQL that goes away under load',
  () => {
    let pgServer: TestPostgres;
    let storage: Storage;
    let server: TestServer;
    let visitor: Socket;
    let token: string;
    let conversationId: string;
    let load: SteadySender;
    const outages: Array<{ event: 'down' | 'up'; at: number }> = [];
    const log = capturedLogger();

    beforeAll(async () => {
      pgServer = await startTestPostgres();
      storage = openStorage({ kind: 'postgres', url: pgServer.url, poolSize: 5 });
      storage.faults.observe({
        down: () => outages.push({ event: 'down', at: Date.now() }),
        up: () => outages.push({ event: 'up', at: Date.now() }),
      });
      server = await startServer(storage, {
        // The load is one visitor sending 40 a second: a machine, far past a person's limit.
        env: {
          DATABASE_URL: pgServer.url,
          RATE_LIMIT_MESSAGES: '2000/10s',
          RATE_LIMIT_MESSAGES_PER_IP: '2000/10s',
        },
        logger: log.logger,
      });
      ({ token } = await newVisitor(server.url, server.siteKey));
      visitor = connectVisitor(server.url, token);
      await connected(visitor);
      const { conversation } = await ok<{ conversation: VisitorConversation }>(
        visitor,
        'conversation:start',
      );
      conversationId = conversation.id;
      load = new SteadySender(visitor, conversationId);
      load.start();
      await until('20 sends acked ok before any fault', () => okCount(load.sends) >= 20);
    }, 60_000);

    afterAll(async () => {
      await load?.stop();
      visitor?.disconnect();
      await server?.close();
      await storage?.close();
      await pgServer?.destroy();
    }, 60_000);

    it('survives pg_terminate_backend on all its connections: sends go on after at most a blip', async () => {
      const stormStart = Date.now();
      // Ten rounds under load, so that some land on a connection in the middle of a transaction.
      let terminated = 0;
      for (let round = 0; round < 10; round++) {
        const rows = await adminQuery<{ n: number }>(
          pgServer.url,
          `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where application_name = 'parley'`,
        );
        terminated += rows[0]!.n;
      }
      const stormEnd = Date.now();
      expect(terminated).toBeGreaterThan(0);

      await until(
        '20 sends issued after the terminations acked ok',
        () => okCount(load.issued(stormEnd)) >= 20,
      );
      // The process is alive and serving; its pool made new sessions.
      const health = await fetch(`${server.url}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok', storage: 'ok' });
      const sessions = await adminQuery<{ n: number }>(
        pgServer.url,
        `select count(*)::int as n from pg_stat_activity where application_name = 'parley'`,
      );
      expect(sessions[0]!.n).toBeGreaterThan(0);
      // A blip at most: a send whose connections were all killed under it fails loudly (never a
      // false ack), and once the terminations stop every send goes through.
      const answered = load.issued(stormStart - 200).filter((s) => s.ack !== null);
      const failed = answered.filter((s) => s.ack?.ok === false);
      for (const s of failed)
        expect(s.ack).toMatchObject({ error: { code: 'STORAGE_UNAVAILABLE' } });
      expect(failed.filter((s) => s.issuedAt > stormEnd + 50)).toEqual([]);
      expect(failed.length).toBeLessThan(answered.length / 2);
    }, 30_000);

    it('fails sends loudly while PostgreSQL is down, reports it, and recovers by itself', async () => {
      await until(
        'storage reported available again after the terminations',
        () => storage.faults.available,
      );
      const outagesBefore = outages.length;
      await pgServer.crash();
      const downAt = Date.now();

      // Down for a few seconds (100 sends at the pace): every send is answered, with an error.
      await until(
        '100 sends issued during the outage answered',
        () => load.issued(downAt).filter((s) => s.ack !== null).length >= 100,
      );
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'unavailable', storage: 'down' });
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'degraded', storage: 'down' });
      // REST answers at once, with a clear error rather than hanging.
      const started = Date.now();
      const history = await visitorFetch(
        server.url,
        token,
        `/widget/conversations/${conversationId}/messages`,
      );
      expect(Date.now() - started).toBeLessThan(2000);
      expect(history.status).toBe(503);
      expect(await history.json()).toEqual({
        error: {
          code: 'STORAGE_UNAVAILABLE',
          message: 'Storage is unavailable; nothing was saved.',
        },
      });

      const upAt = Date.now();
      await pgServer.start();
      const startedAt = Date.now();
      await until(
        '10 sends issued after PostgreSQL came back acked ok',
        () => okCount(load.issued(startedAt)) >= 10,
        15_000,
      );

      const during = load.issued(downAt, upAt);
      expect(during.length).toBeGreaterThanOrEqual(100);
      for (const s of during)
        expect(s.ack, `send ${s.clientId} during the outage`).toMatchObject({
          ok: false,
          error: { code: 'STORAGE_UNAVAILABLE' },
        });
      // Answered promptly: refused connections fail fast (well inside the ack timeout).
      for (const s of during) expect(s.settledAt! - s.issuedAt).toBeLessThan(6000);
      // One outage: reported (and logged) once when it began, once when it ended.
      await until('storage reported available again', () => storage.faults.available);
      expect(outages.slice(outagesBefore).map((o) => o.event)).toEqual(['down', 'up']);
      const unavailable = log.lines.filter((l) => l.msg.startsWith('storage unavailable'));
      expect(unavailable.length).toBe(outages.filter((o) => o.event === 'down').length);
      // No log line per failed request: the outage's line is the only error logged.
      expect(
        log.lines.filter((l) => l.level >= 50 && !l.msg.startsWith('storage unavailable')),
      ).toEqual([]);
      const metrics = await server.app.deps.metrics!.render();
      expect(
        Number(/^parley_database_errors_total\{[^}]*\} (\d+)/m.exec(metrics)?.[1]),
      ).toBeGreaterThanOrEqual(during.length);
      const back = await fetch(`${server.url}/readyz`);
      expect(back.status).toBe(200);
    }, 60_000);

    it('keeps every send acked ok exactly once, and only those with the same clientId', async () => {
      await load.stop();
      expect(load.sends.filter((s) => s.ack === null)).toEqual([]);
      expect(
        load.sends.filter((s) => s.ack && !s.ack.ok && s.ack.error.code === 'TIMEOUT'),
      ).toEqual([]);
      const rows = await storage.db
        .selectFrom('messages')
        .select(['id', 'client_id'])
        .where('conversation_id', '=', conversationId)
        .execute();
      const byId = new Map<string, number>();
      for (const r of rows) byId.set(r.id, (byId.get(r.id) ?? 0) + 1);
      const clientIds = rows.map((r) => r.client_id).filter((c) => c !== null);
      expect(new Set(clientIds).size).toBe(clientIds.length);
      const acked = load.sends.filter((s) => s.ack?.ok === true);
      expect(acked.length).toBeGreaterThan(50);
      for (const s of acked) {
        const id = s.ack!.ok ? s.ack!.data.id : '';
        expect(byId.get(id), `message ${id} (${s.clientId})`).toBe(1);
        expect(rows.find((r) => r.id === id)?.client_id).toBe(s.clientId);
      }
    }, 30_000);
  },
);
