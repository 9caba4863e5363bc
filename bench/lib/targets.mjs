// Starting and stopping what the load generator drives: the raw ws relay and a production
// build of the Parley server. Every child is registered so the runner can stop it on any exit.
import { spawn } from 'node:child_process';
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

/**
 * Starts `node apps/server/dist/main.js` on a free port with a fresh data directory (SQLite),
 * or a fresh PostgreSQL database with `pg: true`; waits for the banner and /healthz.
 */
export async function startParley({ pg: usePg = false } = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
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
  };
  if (usePg) {
    database = `parley_bench_${process.pid}_${Date.now().toString(36)}`;
    await pgQuery(`create database ${database}`);
    pgDatabases.add(database);
    const u = new URL(PG_ADMIN_URL);
    u.pathname = `/${database}`;
    env.DATABASE_URL = u.toString();
  }
  const cleanup = async () => {
    fs.rmSync(dataDir, { recursive: true, force: true });
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
      name: usePg ? 'parley-pg' : 'parley',
      dialect: usePg ? 'postgres' : 'sqlite',
      url,
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
