// `npm run start:cluster -- --nodes 3 [--port 3000] [--fresh]`: N Parley nodes on one
// PostgreSQL and one Redis behind HAProxy, on this machine, to try the cluster by hand.
// - PostgreSQL: DATABASE_URL if set; otherwise the database `parley_cluster` on
//   127.0.0.1:5432 (user postgres), created if missing (`--fresh`: dropped and created again).
// - Redis: REDIS_URL if set; otherwise a redis-server of its own on a free port, keeping
//   nothing on disk, stopped with the cluster.
// - Nodes node-1..N on 127.0.0.1:3001.. (a free port for any that is taken), sharing DATA_DIR
//   (./data/cluster by default: uploaded files must be readable by every node).
// - HAProxy on 127.0.0.1:PORT (scripts/lib/haproxy.mjs, the same directives as
//   deploy/haproxy.cfg); PUBLIC_URL is the balancer's URL unless set.
// Ctrl-C or SIGTERM drains every node (SIGTERM by pid), then stops HAProxy, then Redis.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildIfStale, root, serverMain } from './lib/build.mjs';
import { freePort, startHaproxy } from './lib/haproxy.mjs';

const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432';
const CLUSTER_DB = 'parley_cluster';
// A node drains within SHUTDOWN_GRACE_MS (10 s by default); after this it is killed.
const STOP_TIMEOUT_MS = 15_000;

const usage = `Usage: npm run start:cluster -- [--nodes N] [--port PORT] [--fresh]
  --nodes N     how many Parley nodes (default 3)
  --port PORT   where HAProxy listens (default 3000)
  --fresh       drop and recreate the parley_cluster database first (only without DATABASE_URL)`;

function fail(message) {
  process.stderr.write(`start:cluster: ${message}\n`);
  process.exit(1);
}

let args;
try {
  args = parseArgs({
    options: {
      nodes: { type: 'string', default: '3' },
      port: { type: 'string', default: '3000' },
      fresh: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (err) {
  fail(`${err.message}\n${usage}`);
}
if (args.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const nodeCount = Number(args.nodes);
const balancerPort = Number(args.port);
if (!Number.isInteger(nodeCount) || nodeCount < 1 || nodeCount > 32)
  fail(`--nodes must be a whole number from 1 to 32\n${usage}`);
if (!Number.isInteger(balancerPort) || balancerPort < 1 || balancerPort > 65535)
  fail(`--port must be a TCP port\n${usage}`);

/** The URL with its password hidden, for printing. */
function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** DATABASE_URL, or the local parley_cluster database (created if missing). */
async function database() {
  if (process.env.DATABASE_URL) {
    if (args.fresh) fail('--fresh only applies to the local parley_cluster database');
    return { url: process.env.DATABASE_URL, note: 'from DATABASE_URL' };
  }
  const admin = new pg.Client({ connectionString: `${LOCAL_PG}/postgres` });
  try {
    await admin.connect();
  } catch (err) {
    fail(
      `a cluster needs PostgreSQL. Set DATABASE_URL, or run PostgreSQL on 127.0.0.1:5432 ` +
        `with user postgres (${err.message})`,
    );
  }
  try {
    if (args.fresh) await admin.query(`drop database if exists ${CLUSTER_DB} with (force)`);
    const found = await admin.query('select 1 from pg_database where datname = $1', [CLUSTER_DB]);
    if (found.rowCount === 0) await admin.query(`create database ${CLUSTER_DB}`);
    return {
      url: `${LOCAL_PG}/${CLUSTER_DB}`,
      note:
        found.rowCount === 0
          ? 'created now'
          : 'kept from an earlier run; --fresh starts over with an empty one',
    };
  } finally {
    await admin.end();
  }
}

function redisPing(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let answer = '';
    s.setTimeout(500, () => s.destroy());
    s.on('connect', () => s.write('PING\r\n'));
    s.on('data', (d) => {
      answer += d.toString();
      if (answer.includes('\r\n')) s.end();
    });
    s.on('close', () => resolve(answer.startsWith('+PONG')));
    s.on('error', () => undefined);
  });
}

// Everything this script started, to stop by pid.
const children = { nodes: [], haproxy: null, redis: null };
let stopping = null;

/** Lines of a child's output, each prefixed with its name. */
function prefixLines(stream, name, out, onLine) {
  let buffered = '';
  stream.on('data', (chunk) => {
    buffered += chunk.toString();
    let cut;
    while ((cut = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, cut);
      buffered = buffered.slice(cut + 1);
      out.write(`[${name}] ${line}\n`);
      onLine?.(line);
    }
  });
  stream.on('end', () => {
    if (buffered) out.write(`[${name}] ${buffered}\n`);
  });
}

async function startRedis() {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, note: 'from REDIS_URL' };
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cluster-redis-'));
  let child;
  try {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
  } catch (err) {
    fail(`could not start redis-server (${err.message}); install it or set REDIS_URL`);
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.once('error', (err) => {
    fail(`could not start redis-server (${err.message}); install it or set REDIS_URL`);
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  children.redis = { child, dir, exited };
  const deadline = Date.now() + 10_000;
  while (!(await redisPing(port))) {
    if (child.exitCode !== null) fail(`redis-server exited: ${output}`);
    if (Date.now() > deadline) fail(`redis-server did not answer on port ${port}: ${output}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    note: `started by this script, pid ${child.pid}; empty, and gone when the cluster stops`,
  };
}

const admin = { email: null, password: null };

function startNode(name, port, env) {
  const child = spawn(process.execPath, [serverMain], {
    cwd: root,
    env: { ...env, PORT: String(port), NODE_ID: name },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let inAdminBlock = false;
  // Of nodes started together only one creates the first admin; its banner tells us.
  prefixLines(child.stdout, name, process.stdout, (line) => {
    if (line.includes('First admin created')) inAdminBlock = true;
    if (!inAdminBlock) return;
    const email = /^\s+Email:\s+(\S+)/.exec(line);
    const password = /^\s+Password:\s+(.+)$/.exec(line);
    if (email) admin.email = email[1];
    if (password) {
      admin.password = password[1].trim();
      inAdminBlock = false;
    }
  });
  prefixLines(child.stderr, name, process.stderr);
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  const node = { name, port, child, exited, url: `http://127.0.0.1:${port}` };
  void exited.then((how) => {
    if (stopping) return;
    process.stderr.write(`[${name}] exited (${how}); the other nodes keep running\n`);
    if (children.nodes.every((n) => n.child.exitCode !== null || n.child.signalCode !== null)) {
      process.stderr.write('start:cluster: every node has exited; stopping\n');
      void stop(1);
    }
  });
  return node;
}

async function waitReady(node, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (node.child.exitCode !== null || node.child.signalCode !== null)
      throw new Error(`${node.name} exited during start; see its log above`);
    try {
      const res = await fetch(`${node.url}/readyz`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`${node.name} was not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Until HAProxy's health checks have seen every node up (2 good checks 1 s apart). */
async function waitBalanced(url, names, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (const name of names) {
    for (;;) {
      try {
        const res = await fetch(`${url}/readyz`, {
          headers: { cookie: `PARLEY_NODE=${name}` },
          signal: AbortSignal.timeout(1000),
        });
        const body = await res.json();
        if (res.status === 200 && body.node === name) break;
      } catch {
        // Not routed yet.
      }
      if (Date.now() > deadline) throw new Error(`HAProxy does not route to ${name} yet`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

function kill(child, signal) {
  try {
    process.kill(child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Stops by pid, in order: nodes drain (Redis and the balancer still up), HAProxy, Redis. */
function stop(code) {
  stopping ??= (async () => {
    process.stdout.write('\nStopping the cluster: draining nodes...\n');
    await Promise.all(
      children.nodes.map(async (n) => {
        if (n.child.exitCode !== null || n.child.signalCode !== null) return;
        kill(n.child, 'SIGTERM');
        const t = setTimeout(() => {
          process.stderr.write(`[${n.name}] did not stop in ${STOP_TIMEOUT_MS} ms; killing it\n`);
          kill(n.child, 'SIGKILL');
        }, STOP_TIMEOUT_MS);
        await n.exited;
        clearTimeout(t);
      }),
    );
    if (children.haproxy) await children.haproxy.stop();
    const redis = children.redis;
    if (redis && redis.child.exitCode === null && redis.child.signalCode === null) {
      kill(redis.child, 'SIGTERM');
      const t = setTimeout(() => kill(redis.child, 'SIGKILL'), 5000);
      await redis.exited;
      clearTimeout(t);
    }
    if (redis) fs.rmSync(redis.dir, { recursive: true, force: true });
    process.stdout.write('Cluster stopped.\n');
    process.exit(code);
  })();
  return stopping;
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
// Children run in process groups of their own (a terminal's Ctrl-C reaches only this script);
// should this script die of an error, they must not outlive it.
process.on('exit', () => {
  for (const n of children.nodes) kill(n.child, 'SIGKILL');
  if (children.haproxy) kill(children.haproxy.child, 'SIGKILL');
  if (children.redis) kill(children.redis.child, 'SIGKILL');
});

async function main() {
  if (!(await portFree(balancerPort)))
    fail(`port ${balancerPort} is taken; choose another with --port`);
  buildIfStale();
  const db = await database();
  const redis = await startRedis();

  const balancerUrl = `http://localhost:${balancerPort}`;
  const publicUrl = process.env.PUBLIC_URL || balancerUrl;
  const dataDir = path.resolve(root, process.env.DATA_DIR || 'data/cluster');
  const env = {
    ...process.env,
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    PUBLIC_URL: publicUrl,
    TRUST_PROXY: 'true',
    DATA_DIR: dataDir,
  };
  const ports = [];
  for (let i = 1; i <= nodeCount; i++) {
    const preferred = balancerPort + i;
    ports.push(
      preferred <= 65535 && !ports.includes(preferred) && (await portFree(preferred))
        ? preferred
        : await freePort(),
    );
  }
  process.stdout.write(
    `Starting ${nodeCount} node${nodeCount === 1 ? '' : 's'} on PostgreSQL ${redact(db.url)} (${db.note}) and Redis ${redact(redis.url)} (${redis.note})\n`,
  );
  // Started together: migrations and the first admin are taken in turn under a lock.
  children.nodes = ports.map((port, i) => startNode(`node-${i + 1}`, port, env));
  await Promise.all(children.nodes.map((n) => waitReady(n)));

  children.haproxy = await startHaproxy({
    nodes: children.nodes.map((n) => ({ name: n.name, port: n.port })),
    port: balancerPort,
    detached: true,
    onOutput: (text) => {
      for (const line of text.split('\n')) if (line) process.stdout.write(`[haproxy] ${line}\n`);
    },
  });
  await waitBalanced(
    children.haproxy.url,
    children.nodes.map((n) => n.name),
  );

  const lines = [
    '',
    `  Parley cluster is running: ${nodeCount} node${nodeCount === 1 ? '' : 's'} behind HAProxy`,
    `  Agent console:  ${publicUrl}/console/`,
    `  Demo shop:      ${publicUrl}/demo`,
    `  Balancer:       ${balancerUrl} (HAProxy, pid ${children.haproxy.pid}); /readyz answers for one node`,
    ...children.nodes.map(
      (n, i) =>
        `  ${i === 0 ? 'Nodes:  ' : '        '}        ${n.name}  ${n.url}  pid ${n.child.pid}  (${n.url}/metrics)`,
    ),
    `  PostgreSQL:     ${redact(db.url)} (${db.note})`,
    `  Redis:          ${redact(redis.url)} (${redis.note})`,
    `  Files:          ${dataDir} (shared by every node)`,
    '',
    ...(admin.email
      ? [
          '  First admin created. Sign in to the console with:',
          `    Email:    ${admin.email}`,
          `    Password: ${admin.password}`,
        ]
      : ['  First admin: created on an earlier run; its password is not shown again.']),
    '',
    '  Try a node loss: kill -9 one node pid; its clients reconnect to the others.',
    '  Ctrl-C stops everything.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((err) => {
  process.stderr.write(`start:cluster: ${err instanceof Error ? err.message : String(err)}\n`);
  void stop(1);
});
