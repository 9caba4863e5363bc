// Starting and stopping what the load generator drives: the raw ws relay and a production
// build of the Parley server. Every child is registered so the runner can stop it on any exit.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * The Parley checkout whose build is measured: this one, or PARLEY_ROOT (e.g. a scratch copy
 * with a candidate fix, or a snapshot that concurrent rebuilds cannot touch).
 */
export const APP_ROOT = process.env.PARLEY_ROOT ? path.resolve(process.env.PARLEY_ROOT) : ROOT;
const PRELOAD = path.join(ROOT, 'bench/preload.cjs');
export const ADMIN = { email: 'bench@example.com', password: 'bench-password-1' };

/** Every child process this runner started and has not seen exit yet. */
export const children = new Set();

export function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Synchronous last resort (process 'exit' handler): SIGKILL every child still running. */
export function killAllChildrenSync() {
  for (const c of children) {
    try {
      c.kill('SIGKILL');
    } catch {
      /* gone */
    }
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function waitExit(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

/** SIGTERM, then SIGKILL after `graceMs`. */
export async function stopChild(child, graceMs = 15_000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  if (!(await waitExit(child, graceMs))) {
    child.kill('SIGKILL');
    await waitExit(child, 5_000);
  }
}

/** Keeps the last lines of a child's output for error reports. */
function tail(stream, lines, max = 200) {
  let partial = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop();
    for (const p of parts) {
      lines.push(p);
      if (lines.length > max) lines.shift();
    }
  });
}

/** Request/reply over the IPC channel of a target started with bench/preload.cjs. */
function ipcRpc(child) {
  let nextId = 1;
  const pending = new Map();
  child.on('message', (msg) => {
    if (!msg || msg.bench !== true) return;
    const p = pending.get(msg.id);
    if (p) {
      pending.delete(msg.id);
      p(msg);
    }
  });
  child.once('exit', () => {
    for (const p of pending.values()) p({ ok: false, error: 'target exited' });
    pending.clear();
  });
  return (req, timeoutMs = 30_000) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const t = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`target did not answer ${req.cmd} within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, (msg) => {
        clearTimeout(t);
        resolve(msg);
      });
      child.send({ bench: true, id, ...req });
    });
}

function spawnTarget(args, env, readyLine, timeoutMs) {
  const lines = [];
  const child = track(
    spawn(process.execPath, ['--expose-gc', '-r', PRELOAD, ...args], {
      cwd: APP_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    }),
  );
  tail(child.stdout, lines);
  tail(child.stderr, lines);
  const ready = new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      reject(new Error(`target not ready within ${timeoutMs} ms:\n${lines.join('\n')}`));
    }, timeoutMs);
    const onData = (chunk) => {
      const m = readyLine.exec(String(chunk));
      if (m) {
        clearTimeout(t);
        child.stdout.off('data', onData);
        resolve(m);
      }
    };
    child.stdout.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(t);
      reject(new Error(`target exited (${code ?? signal}) before ready:\n${lines.join('\n')}`));
    });
  });
  return { child, lines, ready };
}

export async function startRelay() {
  const port = await freePort();
  const { child, lines, ready } = spawnTarget(
    [path.join(ROOT, 'bench/relay.mjs')],
    { PORT: String(port), HOST: '127.0.0.1' },
    /relay listening on (\d+)/,
    15_000,
  );
  await ready;
  return {
    kind: 'relay',
    name: 'relay',
    url: `http://127.0.0.1:${port}`,
    pid: child.pid,
    rpc: ipcRpc(child),
    output: () => lines.join('\n'),
    async stop() {
      await stopChild(child, 5_000);
    },
  };
}

let pgModule = null;
function pg() {
  if (!pgModule) {
    // `pg` is the server's dependency, hoisted to the root node_modules.
    const require = createRequire(path.join(APP_ROOT, 'apps/server/package.json'));
    pgModule = require('pg');
  }
  return pgModule;
}

export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function pgQuery(sql) {
  const client = new (pg().Client)({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Databases this run created; dropped on stop and, as a last resort, at exit. */
export const pgDatabases = new Set();

export async function dropPgDatabase(name) {
  try {
    await pgQuery(`drop database if exists ${name} with (force)`);
  } finally {
    pgDatabases.delete(name);
  }
}

/** Creates a fresh, empty PostgreSQL database for this run; returns its name and URL. */
export async function createPgDatabase() {
  const name = `parley_bench_${process.pid}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  await pgQuery(`create database ${name}`);
  pgDatabases.add(name);
  const u = new URL(PG_ADMIN_URL);
  u.pathname = `/${name}`;
  return { name, url: u.toString() };
}

/**
 * The bench drives thousands of visitors from 127.0.0.1, each at up to 10 msg/s: the visitor
 * abuse limits (per visitor and per address, docs/operations.md) are raised far above that, so
 * they are never what is measured. The flood scenario puts the defaults back.
 */
export const BENCH_LIMITS = {
  RATE_LIMIT_MESSAGES: '100000/10s',
  RATE_LIMIT_MESSAGES_PER_IP: '10000000/10s',
  RATE_LIMIT_SESSIONS_PER_IP: '10000000/10m',
  RATE_LIMIT_PAGE_VIEWS: '100000/1m',
  RATE_LIMIT_PAGE_VIEWS_PER_IP: '10000000/1m',
  RATE_LIMIT_IDENTIFY_PER_IP: '10000000/1m',
};

/** Every RATE_LIMIT_* the bench raises, unset again: the server's defaults. */
export const DEFAULT_LIMITS = Object.fromEntries(Object.keys(BENCH_LIMITS).map((k) => [k, '']));

/**
 * Starts `node apps/server/dist/main.js` on a free port with a fresh data directory (SQLite),
 * or a fresh PostgreSQL database with `pg: true`; waits for the banner and /healthz.
 * `databaseUrl` points it at an existing database instead (a cluster's shared one, not
 * dropped by this target's stop); `env` adds or overrides variables (PUBLIC_URL, NODE_ID,
 * REDIS_URL, ...); `name` names the target. `dataDir` reuses an existing data directory (the
 * search scenario restarts on the history it wrote), left in place by stop.
 */
export async function startParley({
  pg: usePg = false,
  databaseUrl = null,
  env: extraEnv = {},
  name = null,
  dataDir: keptDir = null,
} = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = keptDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
  let database = null;
  const env = {
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    DATA_DIR: dataDir,
    PARLEY_ADMIN_EMAIL: ADMIN.email,
    PARLEY_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: 'warn',
    DATABASE_URL: '',
    REDIS_URL: '',
    ...BENCH_LIMITS,
    ...extraEnv,
  };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else if (usePg) {
    const db = await createPgDatabase();
    database = db.name;
    env.DATABASE_URL = db.url;
  }
  const onPg = Boolean(env.DATABASE_URL);
  const cleanup = async () => {
    if (!keptDir) fs.rmSync(dataDir, { recursive: true, force: true });
    if (database) await dropPgDatabase(database).catch(() => {});
  };
  const { child, lines, ready } = spawnTarget(
    [path.join(APP_ROOT, 'apps/server/dist/main.js')],
    env,
    /Parley is running/,
    60_000,
  );
  try {
    await ready;
    const health = await fetch(`${url}/healthz`);
    if (health.status !== 200) throw new Error(`/healthz answered ${health.status}`);
    const demo = await (await fetch(`${url}/demo`)).text();
    const siteKey = /data-site="([^"]+)"/.exec(demo)?.[1];
    if (!siteKey) throw new Error('no data-site attribute on /demo');
    return {
      kind: 'parley',
      name: name ?? (onPg ? 'parley-pg' : 'parley'),
      dialect: onPg ? 'postgres' : 'sqlite',
      url,
      port,
      nodeId: env.NODE_ID ?? null,
      pid: child.pid,
      siteKey,
      admin: ADMIN,
      rpc: ipcRpc(child),
      output: () => lines.join('\n'),
      async stop() {
        await stopChild(child, 15_000);
        await cleanup();
      },
    };
  } catch (err) {
    await stopChild(child, 5_000);
    await cleanup();
    throw err;
  }
}

// ---------------------------------------------------------------- a cluster (--cluster N)

function redisPing(port, timeoutMs = 2_000) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let got = '';
    const done = (ok) => {
      clearTimeout(t);
      s.destroy();
      resolve(ok);
    };
    const t = setTimeout(() => done(false), timeoutMs);
    s.once('connect', () => s.write('PING\r\n'));
    s.on('data', (d) => {
      got += d;
      if (got.includes('\r\n')) done(got.startsWith('+PONG'));
    });
    s.once('error', () => done(false));
  });
}

export function redisVersion() {
  const r = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (r.error) throw new Error('redis-server is not installed (apt-get install -y redis-server)');
  return /v=(\S+)/.exec(r.stdout)?.[1] ?? r.stdout.trim();
}

/** A fresh, empty Redis of our own on a free loopback port: no persistence, stopped by pid. */
export async function startRedis() {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-redis-'));
  const lines = [];
  const child = track(
    spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        dir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    ),
  );
  tail(child.stdout, lines);
  tail(child.stderr, lines);
  const stop = async () => {
    await stopChild(child, 5_000);
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await redisPing(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`redis-server did not answer PING on ${port}:\n${lines.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid: child.pid,
    version: redisVersion(),
    output: () => lines.join('\n'),
    stop,
  };
}

/** Waits until the balancer routes a request pinned to `name` (PARLEY_NODE cookie) to it. */
async function waitRoutedTo(balancerUrl, name, checkPath, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      const res = await fetch(`${balancerUrl}${checkPath}`, {
        headers: { cookie: `PARLEY_NODE=${name}` },
        signal: AbortSignal.timeout(2_000),
      });
      const text = await res.text();
      // `insert indirect`: a request whose server is up keeps its cookie (no Set-Cookie);
      // a redispatched one is told its new server.
      const moved = res.headers
        .getSetCookie()
        .find((c) => c.startsWith('PARLEY_NODE=') && !c.startsWith(`PARLEY_NODE=${name};`));
      let node = name;
      if (checkPath === '/readyz') {
        try {
          node = JSON.parse(text).node;
        } catch {
          node = null;
        }
      }
      if (res.status === 200 && !moved && node === name) return;
      last = `${res.status} ${moved ?? ''} ${text.slice(0, 200)}`;
    } catch (err) {
      last = String(err);
    }
    if (Date.now() > deadline) {
      throw new Error(`the balancer does not route to ${name} (${checkPath}): ${last}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * `nodes` Parley nodes on one fresh PostgreSQL database and (with `redis`) one fresh Redis of
 * their own, behind HAProxy (scripts/lib/haproxy.mjs: cookie stickiness, health checks). Every
 * node has PUBLIC_URL = the balancer, TRUST_PROXY=true and NODE_ID n1..nN. The first node
 * starts alone (migrations, first admin, demo site), the others then together.
 *
 * `via` is how the load generator's sockets reach node i: 'direct' (node i's own port) or
 * 'haproxy' (the balancer, pinned by a PARLEY_NODE=n<i> cookie). HTTP setup requests always
 * go through the balancer. The target's `nodes` lists those endpoints; `rpc` asks every node
 * and adds up CPU and memory.
 */
export async function startCluster({ nodes: count, redis: useRedis = true, via = 'direct' }) {
  const { startHaproxy } = await import('../../scripts/lib/haproxy.mjs');
  const balancerPort = await freePort();
  const publicUrl = `http://127.0.0.1:${balancerPort}`;
  const nodes = [];
  let db = null;
  let redis = null;
  let balancer = null;
  const stop = async () => {
    await balancer?.stop().catch(() => {});
    await Promise.all(nodes.filter(Boolean).map((n) => n.stop().catch(() => {})));
    await redis?.stop().catch(() => {});
    if (db) await dropPgDatabase(db.name).catch(() => {});
  };
  try {
    db = await createPgDatabase();
    if (useRedis) redis = await startRedis();
    const start = (i) =>
      startParley({
        databaseUrl: db.url,
        name: `n${i + 1}`,
        env: {
          PUBLIC_URL: publicUrl,
          TRUST_PROXY: 'true',
          NODE_ID: `n${i + 1}`,
          REDIS_URL: redis ? redis.url : '',
        },
      }).then((n) => {
        nodes[i] = n;
        return n;
      });
    await start(0);
    await Promise.all(Array.from({ length: count - 1 }, (_, i) => start(i + 1)));
    for (const n of nodes) {
      if (n.siteKey !== nodes[0].siteKey) {
        throw new Error(`node ${n.name} serves site ${n.siteKey}, node n1 ${nodes[0].siteKey}`);
      }
    }
    // Health checks on /readyz; a build from before readiness existed answers 404 there.
    const readyz = await fetch(`${nodes[0].url}/readyz`);
    const checkPath = readyz.status === 404 ? '/healthz' : '/readyz';
    balancer = await startHaproxy({
      nodes: nodes.map((n) => ({ name: n.name, port: n.port })),
      port: balancerPort,
      checkPath,
      onSpawn: track,
    });
    for (const n of nodes) await waitRoutedTo(publicUrl, n.name, checkPath);
    const sum = (xs, f) => xs.reduce((a, x) => a + f(x), 0);
    return {
      kind: 'parley',
      name: count > 1 ? `cluster-${count}` : via === 'haproxy' ? 'parley-pg-lb' : 'parley-pg',
      dialect: 'postgres',
      url: publicUrl,
      pid: nodes[0].pid,
      pids: nodes.map((n) => n.pid),
      helperPids: { redis: redis?.pid ?? null, balancer: balancer.pid },
      nodes: nodes.map((n) => ({
        name: n.name,
        url: via === 'haproxy' ? publicUrl : n.url,
        cookie: via === 'haproxy' ? `PARLEY_NODE=${n.name}` : null,
      })),
      siteKey: nodes[0].siteKey,
      admin: ADMIN,
      deployment: {
        nodes: count,
        via,
        redis: redis ? redis.version : null,
        balancer: 'haproxy',
        checkPath,
      },
      async rpc(req, timeoutMs) {
        if (req.cmd === 'profile-stop') {
          const rs = await Promise.all(
            nodes.map((n) =>
              n.rpc({ ...req, file: req.file.replace(/(\.cpuprofile)?$/, `-${n.name}$1`) }),
            ),
          );
          return { ok: rs.some((r) => r.ok), files: rs.filter((r) => r.ok).map((r) => r.file) };
        }
        const rs = await Promise.all(nodes.map((n) => n.rpc(req, timeoutMs)));
        const bad = rs.find((r) => !r.ok);
        if (bad) return bad;
        if (req.cmd === 'cpu') {
          return {
            ok: true,
            cpuUs: sum(rs, (r) => r.cpuUs),
            elu: { idle: sum(rs, (r) => r.elu.idle), active: sum(rs, (r) => r.elu.active) },
            nodes: rs.map((r) => ({ cpuUs: r.cpuUs, elu: r.elu })),
          };
        }
        if (rs[0].memory) {
          const memory = {};
          for (const k of Object.keys(rs[0].memory)) memory[k] = sum(rs, (r) => r.memory[k]);
          return { ...rs[0], memory, nodes: rs.map((r) => r.memory) };
        }
        return rs[0];
      },
      output: () =>
        [
          ...nodes.map((n) => `--- ${n.name}\n${n.output()}`),
          redis ? `--- redis\n${redis.output()}` : '',
        ].join('\n'),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
