// The search scenario: a Parley server (its build) on a history of `messages` messages in
// `chats` chats, written through the real schema (bench/search-load.mjs), searched `queries`
// times through GET /api/v1/search as the admin, one request at a time; then the extra CPU a
// message costs to keep the index (bench/search-write.mjs). On PostgreSQL every database is
// created fresh for the run and dropped after it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ADMIN,
  APP_ROOT,
  ROOT,
  createPgDatabase,
  dropPgDatabase,
  startParley,
  track,
} from './lib/targets.mjs';
import { percentiles, round } from './lib/stats.mjs';
import { loadHistory } from './search-load.mjs';
import { searchQueries } from './search-corpus.mjs';

const PS = { p50: 0.5, p95: 0.95, p99: 0.99 };
const require = createRequire(path.join(APP_ROOT, 'apps/server/package.json'));

async function login(url) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('parley_session='));
  if (res.status !== 200 || !cookie) throw new Error(`search: admin login answered ${res.status}`);
  return cookie.split(';')[0];
}

/** SQLite: until the indexer has moved every queued message into FTS5 (none pending). */
async function waitIndexed(file, timeoutMs, log) {
  const Database = require('better-sqlite3');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const has = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_pending'")
      .get();
    if (!has) return { pendingAtStart: 0, catchUpMs: 0 };
    const count = db.prepare('SELECT count(*) AS n FROM search_pending');
    const started = Date.now();
    const pendingAtStart = count.get().n;
    let next = started + 10_000;
    for (;;) {
      const n = count.get().n;
      if (n === 0) return { pendingAtStart, catchUpMs: Date.now() - started };
      if (Date.now() - started > timeoutMs) {
        throw new Error(`search: ${n} messages still pending indexing after ${timeoutMs / 1000} s`);
      }
      if (Date.now() > next) {
        log(`search: indexer catching up, ${n} messages pending`);
        next += 10_000;
      }
      await sleep(200);
    }
  } finally {
    db.close();
  }
}

async function ask(url, cookie, params) {
  const started = performance.now();
  const res = await fetch(`${url}/api/v1/search?${new URLSearchParams(params)}`, {
    headers: { cookie, origin: url },
    signal: AbortSignal.timeout(60_000),
  });
  const body = await res.json();
  const ms = performance.now() - started;
  if (res.status !== 200) {
    throw new Error(
      `search: ${JSON.stringify(params)} answered ${res.status} ${JSON.stringify(body)}`,
    );
  }
  return {
    ms,
    hits: body.messages.items.length + body.chats.items.length + body.visitors.items.length,
  };
}

/** The queries one at a time; latency per request (ms) as the console sees it, on loopback. */
async function measureQueries(url, queries) {
  const cookie = await login(url);
  const done = [];
  for (const q of queries) done.push({ ...q, ...(await ask(url, cookie, q.params)) });
  const byKind = {};
  for (const kind of [...new Set(done.map((d) => d.base))]) {
    const xs = done.filter((d) => d.base === kind);
    byKind[kind] = {
      count: xs.length,
      ...pick(
        percentiles(
          xs.map((d) => d.ms),
          PS,
        ),
      ),
    };
  }
  const filtered = done.filter((d) => d.filtered);
  return {
    latencyMs: pick(
      percentiles(
        done.map((d) => d.ms),
        PS,
      ),
    ),
    byKind,
    filtered: {
      count: filtered.length,
      ...pick(
        percentiles(
          filtered.map((d) => d.ms),
          PS,
        ),
      ),
    },
    withHits: done.filter((d) => d.hits > 0).length,
    slowest: [...done]
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((d) => ({ ms: round(d.ms, 1), kind: d.kind, params: d.params, hits: d.hits })),
  };
}

const pick = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v, 2)]));

/** Runs bench/search-write.mjs and returns its JSON line. */
function writeCost(params, timeoutMs) {
  return new Promise((resolve, reject) => {
    const child = track(
      spawn(
        process.execPath,
        ['--expose-gc', path.join(ROOT, 'bench/search-write.mjs'), JSON.stringify(params)],
        {
          cwd: ROOT,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      ),
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
    const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(t);
      const line = out.trim().split('\n').pop();
      if (code === 0 && line) resolve(JSON.parse(line));
      else reject(new Error(`search: write cost exited ${code}\n${err}`));
    });
  });
}

async function history(pg, p, log) {
  const db = pg ? await createPgDatabase() : null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-search-'));
  const cleanup = async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (db) await dropPgDatabase(db.name).catch(() => {});
  };
  const start = () => startParley({ databaseUrl: db?.url ?? null, dataDir });
  try {
    // A first start migrates and creates the admin and the demo site; the history goes in
    // with the server stopped, as an import would, then the server starts on it.
    await (await start()).stop();
    const sqliteFile = db ? null : path.join(dataDir, 'parley.sqlite');
    log(
      `search: writing ${p.messages} messages in ${p.chats} chats (${pg ? 'PostgreSQL' : 'SQLite'})`,
    );
    const ctx = await loadHistory(
      { sqliteFile, pgUrl: db?.url, chats: p.chats, messages: p.messages },
      log,
    );
    let analyzeMs = null;
    if (db) {
      // What autovacuum does soon after a bulk load: statistics, and the GIN pending list.
      const pgm = require('pg');
      const c = new pgm.Client({ connectionString: db.url });
      await c.connect();
      const t0 = Date.now();
      await c.query('VACUUM ANALYZE');
      analyzeMs = Date.now() - t0;
      await c.end();
    }
    return { db, dataDir, sqliteFile, ctx, analyzeMs, start, cleanup };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

export async function searchScenario({ pg, params: p, log }) {
  const h = await history(pg, p, log);
  const res = {
    dialect: pg ? 'postgres' : 'sqlite',
    messages: p.messages,
    chats: p.chats,
    loadS: round(h.ctx.loadMs / 1000, 1),
    vacuumAnalyzeS: h.analyzeMs === null ? null : round(h.analyzeMs / 1000, 1),
    loadavg: os.loadavg().map((x) => round(x, 2)),
  };
  try {
    const target = await h.start();
    try {
      if (h.sqliteFile) {
        const c = await waitIndexed(h.sqliteFile, p.catchUpTimeoutS * 1000, log);
        res.indexCatchUpS = round(c.catchUpMs / 1000, 1);
        res.pendingAtStart = c.pendingAtStart;
      }
      const queryCtx = h.ctx;
      log(`search: ${p.warmup} warm-up queries, then ${p.queries} measured`);
      await measureQueries(target.url, searchQueries(p.warmup, 99, queryCtx));
      res.loadavgQueries = os.loadavg().map((x) => round(x, 2));
      Object.assign(res, await measureQueries(target.url, searchQueries(p.queries, 7, queryCtx)));
      res.queries = p.queries;
    } finally {
      await target.stop();
    }
  } finally {
    await h.cleanup();
  }
  res.writeCost = await writeCostOn(pg, p, log);
  return res;
}

async function writeCostOn(pg, p, log) {
  log(`search: write cost, ${p.writeRounds} x ${p.writePerRound} messages per mode and database`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-write-'));
  const dbs = pg ? [await createPgDatabase(), await createPgDatabase()] : [];
  try {
    const loadavg = os.loadavg().map((x) => round(x, 2));
    const out = await writeCost(
      {
        dialect: pg ? 'postgres' : 'sqlite',
        sqliteDir: dir,
        pgUrls: pg ? { indexed: dbs[0].url, plain: dbs[1].url } : null,
        prefill: p.writePrefill,
        rounds: p.writeRounds,
        perRound: p.writePerRound,
        burst: p.writeBurst,
      },
      p.writeTimeoutS * 1000,
    );
    return { ...out, loadavg };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const d of dbs) await dropPgDatabase(d.name).catch(() => {});
  }
}
