#!/usr/bin/env node
// `npm run bench` — Parley against a raw ws relay, on 127.0.0.1, with the same load generator.
//
//   node bench/run.mjs              full scale (a few minutes)
//   node bench/run.mjs --smoke      every scenario at 1/20 scale, under a minute (CI)
//   node bench/run.mjs --pg         Parley on a fresh PostgreSQL database (BENCH_PG_URL,
//                                   default postgres://postgres@127.0.0.1:5432/test)
//   node bench/run.mjs --only=latency,idle     a subset (latency, throughput, idle, search, widget)
//   node bench/run.mjs --only=flood   one visitor flooding sends against the default visitor
//                                   limits while an agent chats: the agent's round-trip p99,
//                                   quiet and during the flood (not in the default set)
//   node bench/run.mjs --cpu-prof   also write V8 CPU profiles of the measured windows to
//                                   bench/profiles/ (profiling inflates the CPU figures)
//   node bench/run.mjs --build      run `npm run build` first (otherwise only if dist is missing)
//   node bench/run.mjs --quiet-wait=120   before each measured window wait up to 120 s (default)
//                                   for other processes to leave the cores; 0 to skip
//   node bench/run.mjs --set=latency.agents=20   override a parameter (experiments only)
//   node bench/run.mjs --parley-only               skip the relay (experiments only; no ratios)
//   node bench/run.mjs --cluster 2  (or 3, ...)  also run latency and throughput on a cluster of
//                                   N nodes (implies --pg): one fresh PostgreSQL database and one
//                                   fresh redis-server of its own shared by the nodes, HAProxy in
//                                   front (HTTP setup goes through it); every chat's visitor
//                                   socket on another node than its agent's, so each measured
//                                   message crosses nodes. Beside it, in the same run and with
//                                   the same parameters, one node on PostgreSQL (no Redis).
//                                   Reports the cross-node extra latency (p50, p99) and the
//                                   cluster's delivered msg/s, loss and p99 at 10,000 msg/s
//   node bench/run.mjs --cluster 2 --cluster-via=haproxy   the sockets through the balancer
//                                   too (pinned by PARLEY_NODE cookies), and the one node behind
//                                   the same kind of balancer; default: straight to each node
//
// Prints a table, one JSON line per scenario, and as its final line one JSON object with every
// figure (with --cluster: a `cluster` object, the one-node figure beside each cluster figure).
// Exits 1 if a scenario could not run (missed targets are results, not failures).
import { execFileSync, fork, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  APP_ROOT,
  ROOT,
  children,
  DEFAULT_LIMITS,
  dropPgDatabase,
  killAllChildrenSync,
  pgDatabases,
  redisVersion,
  startCluster,
  startParley,
  startRelay,
  stopChild,
  track,
} from './lib/targets.mjs';
import { haproxyBinary } from '../scripts/lib/haproxy.mjs';
import { ratio, round } from './lib/stats.mjs';
import { systemCpu } from './lib/proc.mjs';
import { launcherTiming, widgetSizes } from './widget.mjs';
import { floodScenario } from './flood.mjs';
import { searchScenario } from './search.mjs';
import { summarizeProfile } from './profile-summary.mjs';

// ---------------------------------------------------------------- options

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const opt = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
if (flag('help') || flag('h')) {
  const lines = fs
    .readFileSync(new URL(import.meta.url), 'utf8')
    .split('\n')
    .slice(1);
  const head = lines.slice(
    0,
    lines.findIndex((l) => !l.startsWith('//')),
  );
  console.log(head.map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}
const SMOKE = flag('smoke');
// --cluster N, --cluster=N (N >= 2; a bare --cluster means 2).
const CLUSTER = (() => {
  const i = argv.findIndex((a) => a === '--cluster' || a.startsWith('--cluster='));
  if (i < 0) return 0;
  const v = argv[i].includes('=')
    ? argv[i].split('=')[1]
    : /^\d+$/.test(argv[i + 1] ?? '')
      ? argv[i + 1]
      : '2';
  const n = Number(v);
  if (!Number.isInteger(n) || n < 2 || n > 8) throw new Error(`--cluster: 2 to 8 nodes, not ${v}`);
  return n;
})();
const CLUSTER_VIA = opt('cluster-via') ?? 'direct';
if (!['direct', 'haproxy'].includes(CLUSTER_VIA)) {
  throw new Error(`--cluster-via: direct or haproxy, not ${CLUSTER_VIA}`);
}
// A cluster shares PostgreSQL (SQLite serves one node only).
const PG = flag('pg') || CLUSTER > 0;
const CPU_PROF = flag('cpu-prof');
const ALL = ['latency', 'throughput', 'idle', 'search', 'widget'];
/** Scenarios run only when --only names them. */
const OPTIONAL = ['flood'];
const ONLY = opt('only') ? opt('only').split(',') : ALL;
for (const o of ONLY)
  if (!ALL.includes(o) && !OPTIONAL.includes(o)) throw new Error(`--only: unknown scenario ${o}`);
const S = SMOKE ? 1 / 20 : 1;
// Before each measured window, wait up to this long for other processes to leave the cores
// (below 0.25 cores busy); --quiet-wait=0 to skip.
const QUIET_WAIT_S = Number(opt('quiet-wait') ?? 120);
const scaled = (n, min = 1) => Math.max(min, Math.round(n * S));

const PARAMS = {
  latency: {
    chats: scaled(2000),
    rate: scaled(2000),
    agents: SMOKE ? 2 : 100,
    warmupS: SMOKE ? 1 : 5,
    measureS: SMOKE ? 2 : 10,
    graceS: SMOKE ? 1 : 5,
    settleMs: SMOKE ? 300 : 2000,
    quietWaitS: SMOKE ? 0 : QUIET_WAIT_S,
    attempts: SMOKE ? 1 : 3,
  },
  throughput: {
    chats: scaled(1000),
    rate: scaled(10000),
    agents: SMOKE ? 2 : 50,
    warmupS: SMOKE ? 1 : 3,
    measureS: SMOKE ? 2 : 10,
    graceS: SMOKE ? 1 : 5,
    settleMs: SMOKE ? 300 : 2000,
    quietWaitS: SMOKE ? 0 : QUIET_WAIT_S,
    attempts: SMOKE ? 1 : 3,
  },
  idle: { visitors: scaled(10000), settleMs: SMOKE ? 500 : 3000 },
  search: {
    messages: scaled(1_000_000),
    chats: scaled(100_000),
    queries: SMOKE ? 40 : 200,
    warmup: SMOKE ? 5 : 20,
    catchUpTimeoutS: SMOKE ? 60 : 900,
    writePrefill: SMOKE ? 500 : 5000,
    // Many short rounds on SQLite (medians shrug off other work on the cores); longer ones on
    // PostgreSQL, whose backend CPU is read from /proc in 10 ms ticks.
    writeRounds: SMOKE ? 3 : PG ? 12 : 40,
    writePerRound: SMOKE ? 200 : PG ? 1500 : 400,
    writeBurst: 20,
    writeTimeoutS: SMOKE ? 60 : 900,
  },
  widget: { runs: SMOKE ? 1 : 5 },
  flood: {
    chats: SMOKE ? 2 : 10,
    attempts: SMOKE ? 500 : 2000,
    inFlight: 32,
    // 50x what the default limit lets one visitor send; --set=flood.perSecond=0: unpaced.
    perSecond: 1000,
    quietSamples: SMOKE ? 100 : 500,
  },
};

// --set=latency.agents=20 (repeatable): override one parameter, for experiments. Results with
// overrides are marked in the JSON ("overrides") and are not the reference configuration.
const OVERRIDES = argv.filter((a) => a.startsWith('--set=')).map((a) => a.slice(6));
for (const o of OVERRIDES) {
  const m = /^(\w+)\.(\w+)=(.+)$/.exec(o);
  if (!m || !PARAMS[m[1]] || !(m[2] in PARAMS[m[1]])) throw new Error(`--set: cannot apply ${o}`);
  PARAMS[m[1]][m[2]] = Number(m[3]);
}

const TARGETS = {
  clusterExtraP50Ms: 1,
  cpuRatio: 2.5,
  latencyP99Ms: 10,
  throughputP99Ms: 60,
  idleRssPerConnBytes: 20 * 1024,
  loaderGzipBytes: 5 * 1024,
  chatGzipBytes: 45 * 1024,
  searchP95Ms: 50,
  searchIndexExtraPct: 15,
};

// ---------------------------------------------------------------- lifecycle and safety

const started = Date.now();
// Smoke: the search scenario alone takes ~40 s on SQLite and ~70 s on PostgreSQL.
const HARD_LIMIT_MS = SMOKE
  ? CLUSTER
    ? 330_000
    : 260_000
  : (CLUSTER ? 75 : PG ? 60 : 30) * 60_000;
let cleaningUp = false;

async function cleanup() {
  if (cleaningUp) return;
  cleaningUp = true;
  await Promise.all([...children].map((c) => stopChild(c, 5_000).catch(() => {})));
  for (const db of [...pgDatabases]) await dropPgDatabase(db).catch(() => {});
}
process.on('exit', killAllChildrenSync);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    process.stderr.write(`\nbench: ${sig}, stopping every process it started\n`);
    void cleanup().finally(() => process.exit(130));
  });
}
const watchdog = setTimeout(() => {
  process.stderr.write(`\nbench: hard limit of ${HARD_LIMIT_MS / 1000} s reached, aborting\n`);
  void cleanup().finally(() => process.exit(2));
}, HARD_LIMIT_MS);
watchdog.unref();

const log = (s) => process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${s}\n`);

// ---------------------------------------------------------------- machine and build

function sh(cmd, args) {
  try {
    return execFileSync(cmd, args, {
      cwd: APP_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

function machine() {
  const cpus = os.cpus();
  const limits = fs.readFileSync('/proc/self/limits', 'utf8');
  const nofile = /Max open files\s+(\d+)/.exec(limits)?.[1];
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    kernel: os.release(),
    node: process.version,
    openFilesLimit: nofile ? Number(nofile) : null,
    // A snapshot copy (PARLEY_ROOT) may carry its commit in a SNAPSHOT_COMMIT file instead of .git.
    commit:
      sh('git', ['rev-parse', '--short', 'HEAD']) ??
      (fs.existsSync(path.join(APP_ROOT, 'SNAPSHOT_COMMIT'))
        ? fs.readFileSync(path.join(APP_ROOT, 'SNAPSHOT_COMMIT'), 'utf8').trim().slice(0, 7)
        : null),
    dirty: (sh('git', ['status', '--porcelain', '--', 'apps', 'packages']) ?? '') !== '',
  };
}

function newestMtime(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  const server = path.join(APP_ROOT, 'apps/server/dist/main.js');
  const loader = path.join(APP_ROOT, 'apps/widget/dist/loader.js');
  if (flag('build') || !fs.existsSync(server) || !fs.existsSync(loader)) {
    log('building (npm run build)');
    const r = spawnSync('npm', ['run', 'build'], { cwd: APP_ROOT, stdio: ['ignore', 2, 2] });
    if (r.status !== 0) throw new Error('npm run build failed');
  } else if (newestMtime(path.join(APP_ROOT, 'apps/server/src')) > fs.statSync(server).mtimeMs) {
    log(
      'warning: apps/server/src is newer than apps/server/dist: measuring the existing build (pass --build to rebuild)',
    );
  }
  return { appRoot: APP_ROOT, serverBuiltAt: new Date(fs.statSync(server).mtimeMs).toISOString() };
}

// ---------------------------------------------------------------- the load generator

const PROFILE_DIR = path.join(ROOT, 'bench/profiles');
const profiles = [];

/** Forks bench/loadgen.mjs, runs one scenario against one target, returns its result. */
function runLoadgen(target, scenario, params, timeoutMs, label) {
  const child = track(
    fork(path.join(ROOT, 'bench/loadgen.mjs'), [], {
      cwd: ROOT,
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    }),
  );
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr = (stderr + d).slice(-4000);
  });
  child.stdout.resume();
  const info = {
    kind: target.kind,
    name: target.name,
    url: target.url,
    pid: target.pid,
    siteKey: target.siteKey,
    admin: target.admin,
    dialect: target.dialect ?? null,
    pids: target.pids ?? null,
    helperPids: target.helperPids ?? null,
    nodes: target.nodes ?? null,
  };
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (fn, v) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      fn(v);
      void stopChild(child, 2_000);
    };
    const timer = setTimeout(
      () =>
        finish(reject, new Error(`${label}: load generator timed out after ${timeoutMs / 1000} s`)),
      timeoutMs,
    );
    child.on('message', (msg) => {
      if (msg.type === 'rpc') {
        target
          .rpc(msg.req)
          .then((res) => child.connected && child.send({ type: 'rpc-reply', id: msg.id, res }))
          .catch((err) => finish(reject, err));
      } else if (msg.type === 'window' && CPU_PROF) {
        const file = path.join(PROFILE_DIR, `${label.replace(/\W+/g, '-')}.cpuprofile`);
        const req =
          msg.phase === 'start' ? { cmd: 'profile-start' } : { cmd: 'profile-stop', file };
        target.rpc(req).then(
          (r) => {
            if (msg.phase !== 'end' || !r.ok) return;
            for (const f of r.files ?? [file]) profiles.push({ label, file: f });
          },
          () => {},
        );
      } else if (msg.type === 'log') {
        if (msg.msg !== 'loadgen ready') log(`${label}: ${msg.msg}`);
      } else if (msg.type === 'result') finish(resolve, msg.result);
      else if (msg.type === 'error') finish(reject, new Error(`${label}: ${msg.message}`));
    });
    child.on('exit', (code, signal) => {
      finish(reject, new Error(`${label}: load generator exited (${code ?? signal})\n${stderr}`));
    });
    child.send({ type: 'run', scenario, target: info, params });
  });
}

function startTarget(kind) {
  if (kind === 'relay') return startRelay();
  if (kind === 'cluster') return startCluster({ nodes: CLUSTER, via: CLUSTER_VIA });
  // Beside a cluster reached through the balancer, the one node is behind a balancer too.
  if (CLUSTER && CLUSTER_VIA === 'haproxy') {
    return startCluster({ nodes: 1, redis: false, via: CLUSTER_VIA });
  }
  return startParley({ pg: PG });
}

async function withTarget(kind, fn) {
  const target = await startTarget(kind);
  try {
    const out = await fn(target);
    if (target.deployment && out && typeof out === 'object') out.deployment = target.deployment;
    return out;
  } catch (err) {
    const out = target.output().split('\n').slice(-30).join('\n');
    throw new Error(`${err.message}\n--- last output of ${target.name} ---\n${out}`);
  } finally {
    await target.stop();
  }
}

/** The same scenario against the relay, then against Parley (never both at once). */
async function both(name, scenario, params, timeoutMs) {
  const out = { relay: null, parley: null };
  for (const kind of flag('parley-only') ? ['parley'] : ['relay', 'parley']) {
    log(`${name}: ${kind}`);
    out[kind] = await withTarget(kind, (t) =>
      runLoadgen(t, scenario, params, timeoutMs(kind), `${name}-${t.name}`),
    );
  }
  return out;
}

// ---------------------------------------------------------------- output

const COLS = [
  ['scenario', 11],
  ['target', 10],
  ['conns', 6],
  ['rate/s', 8],
  ['p50 ms', 8],
  ['p99 ms', 8],
  ['p999 ms', 8],
  ['loss', 8],
  ['cpu/msg', 9],
  ['notes', 0],
];
const fmt = (v, d = 2) =>
  v === null || v === undefined ? '-' : typeof v === 'number' ? String(round(v, d)) : String(v);
function row(cells) {
  return COLS.map(([, w], i) =>
    w ? String(cells[i] ?? '').padEnd(w) : String(cells[i] ?? ''),
  ).join(' ');
}
function header() {
  console.log(row(COLS.map(([n]) => n)));
  console.log(row(COLS.map(([, w]) => '-'.repeat(w || 20))));
}
const pctLoss = (r) => (r.lossRate === null ? '-' : `${round(r.lossRate * 100, 3)}%`);

function chatRows(name, res) {
  const { relay, parley, cluster } = res;
  const lines = [relay, parley, cluster]
    .filter(Boolean)
    .map((r) =>
      row([
        name,
        r.target,
        r.connections,
        fmt(r.achievedRate, 0),
        fmt(r.latencyMs.p50, 2),
        fmt(r.latencyMs.p99, 2),
        fmt(r.latencyMs.p999, 2),
        pctLoss(r),
        r.cpuPerMsgUs === null ? '-' : `${fmt(r.cpuPerMsgUs, 1)}us`,
        `server ${fmt(r.serverCores, 2)} cores (loop ${fmt(r.serverEventLoopUtilization * 100, 0)}% busy), loadgen ${fmt(r.loadgenCores, 2)}` +
          (r.perNode
            ? ` (${r.perNode.map((n) => `${fmt(n.cores, 2)}/${fmt(n.elu * 100, 0)}%`).join(', ')})`
            : '') +
          (r.dbCpuMs !== null ? `, postgres ${fmt(r.dbCpuMs / 1000 / r.measureS, 2)}` : '') +
          (r.redisCpuMs !== null && r.redisCpuMs !== undefined
            ? `, redis ${fmt(r.redisCpuMs / 1000 / r.measureS, 2)}`
            : '') +
          (r.balancerCpuMs !== null && r.balancerCpuMs !== undefined
            ? `, haproxy ${fmt(r.balancerCpuMs / 1000 / r.measureS, 2)}`
            : '') +
          `, others ${fmt(r.otherCores, 2)}` +
          (r.lost > 0 || r.deliveredAfter1s > 0
            ? `; delivered ${fmt(r.deliveredRate, 0)}/s, ${r.lost} undelivered, ${r.deliveredAfter1s} after >1 s`
            : ''),
      ]),
    );
  const q = res.ratio;
  lines.push(
    row([
      name,
      'ratio',
      '',
      fmt(q.achievedRate),
      fmt(q.p50),
      fmt(q.p99),
      fmt(q.p999),
      '',
      fmt(q.cpuPerMsg),
      'parley / relay',
    ]),
  );
  const d = res.clusterVsOneNode;
  if (d) {
    const plus = (v) => (v === null ? '-' : `${v >= 0 ? '+' : ''}${fmt(v, 2)}`);
    lines.push(
      row([
        name,
        `${CLUSTER} vs 1`,
        '',
        '',
        plus(d.p50ExtraMs),
        plus(d.p99ExtraMs),
        plus(d.p999ExtraMs),
        '',
        fmt(d.cpuPerMsg),
        `cross-node minus one node (ms); delivered msg/s x${fmt(d.deliveredRate)}, cpu/msg ratio`,
      ]),
    );
  }
  return lines;
}

/** The cluster's figures against the one node's: extra latency (ms) and ratios. */
function clusterVsOneNode(one, cl) {
  if (!one || !cl) return null;
  const minus = (a, b) => (a === null || b === null ? null : round(a - b, 3));
  return {
    p50ExtraMs: minus(cl.latencyMs.p50, one.latencyMs.p50),
    p99ExtraMs: minus(cl.latencyMs.p99, one.latencyMs.p99),
    p999ExtraMs: minus(cl.latencyMs.p999, one.latencyMs.p999),
    deliveredRate: ratio(cl.deliveredRate, one.deliveredRate),
    cpuPerMsg: ratio(cl.cpuPerMsgUs, one.cpuPerMsgUs),
  };
}

function chatRatios(res) {
  const { relay: a, parley: b } = res;
  if (!a || !b) return { achievedRate: null, p50: null, p99: null, p999: null, cpuPerMsg: null };
  return {
    achievedRate: ratio(b.achievedRate, a.achievedRate),
    p50: ratio(b.latencyMs.p50, a.latencyMs.p50),
    p99: ratio(b.latencyMs.p99, a.latencyMs.p99),
    p999: ratio(b.latencyMs.p999, a.latencyMs.p999),
    cpuPerMsg: ratio(b.cpuPerMsgUs, a.cpuPerMsgUs),
  };
}

// ---------------------------------------------------------------- scenarios

const results = {
  bench: 'parley',
  mode: SMOKE ? 'smoke' : 'full',
  database: PG ? 'postgres' : 'sqlite',
  cluster: null,
  startedAt: new Date(started).toISOString(),
  machine: machine(),
  build: null,
  params: PARAMS,
  overrides: OVERRIDES,
  scenarios: {},
  targets: [],
  errors: [],
};

function emit(name, data, rows) {
  results.scenarios[name] = data;
  for (const r of rows) console.log(r);
  console.log(`JSON ${JSON.stringify({ scenario: name, ...data })}`);
}

async function scenarioChat(name) {
  const p = PARAMS[name];
  const timeoutMs = (kind) =>
    1000 *
    (90 +
      p.attempts * (p.quietWaitS + 60 + p.warmupS + p.measureS + p.graceS) +
      p.chats * (PG ? 0.3 : 0.05) +
      (kind === 'parley' ? p.agents * 1.5 : 0));
  const res = await both(name, 'chat', p, timeoutMs);
  res.ratio = chatRatios(res);
  if (CLUSTER) {
    log(`${name}: cluster of ${CLUSTER} (${CLUSTER_VIA})`);
    res.cluster = await withTarget('cluster', (t) =>
      runLoadgen(t, 'chat', p, timeoutMs('parley'), `${name}-${t.name}`),
    );
    res.clusterVsOneNode = clusterVsOneNode(res.parley, res.cluster);
  }
  emit(name, res, chatRows(name, res));
}

async function scenarioIdle() {
  const p = PARAMS.idle;
  const res = await both('idle', 'idle', p, () => 1000 * (60 + p.visitors * 0.01));
  res.ratio = { rssPerConn: ratio(res.parley?.rssPerConnBytes, res.relay?.rssPerConnBytes) };
  const rows = [res.relay, res.parley]
    .filter(Boolean)
    .map((r) =>
      row([
        'idle',
        r.target,
        r.connected,
        '',
        '',
        '',
        '',
        '',
        '',
        `RSS ${fmt(r.rssPerConnBytes / 1024, 1)} KB/conn (heap ${fmt(r.heapPerConnBytes / 1024, 1)} KB), ` +
          `${fmt(r.connectsPerS, 0)} connects/s` +
          (r.sessionsPerS ? `, ${fmt(r.sessionsPerS, 0)} sessions+config/s` : '') +
          (r.pageStreams
            ? `; page streams ${fmt(r.pageStreams.rssPerStreamBytes / 1024, 1)} KB each, ` +
              `${fmt(r.pageStreams.pageViewsPerS, 0)} page views/s`
            : ''),
      ]),
    );
  rows.push(
    row(['idle', 'ratio', '', '', '', '', '', '', '', `RSS/conn x${fmt(res.ratio.rssPerConn)}`]),
  );
  emit('idle', res, rows);
}

async function scenarioFlood() {
  const p = PARAMS.flood;
  log('flood: parley with the default visitor limits');
  const target = await startParley({ pg: PG, env: DEFAULT_LIMITS });
  let res;
  try {
    res = await floodScenario(target, p);
  } finally {
    await target.stop();
  }
  const answered = Object.entries(res.flooder.answered)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  emit('flood', res, [
    row([
      'flood',
      'quiet',
      1,
      '',
      fmt(res.quietMs.p50),
      fmt(res.quietMs.p99),
      '',
      '',
      '',
      `agent round trip, ${res.quietMs.samples} samples`,
    ]),
    row([
      'flood',
      'flooded',
      2,
      fmt(res.flooder.sendsPerS, 0),
      fmt(res.floodMs.p50),
      fmt(res.floodMs.p99),
      '',
      '',
      '',
      `p99 x${fmt(res.p99Ratio)}; flooder ${res.flooder.attempts} sends: ${answered}`,
    ]),
  ]);
}

async function scenarioSearch() {
  const res = await searchScenario({ pg: PG, params: PARAMS.search, log });
  const name = PG ? 'parley-pg' : 'parley';
  const w = res.writeCost.modes;
  const cost = (m, label) =>
    row([
      'search',
      'index cost',
      '',
      '',
      '',
      '',
      '',
      '',
      `+${fmt(m.extraPct, 1)}%`,
      `${label}: ${fmt(m.indexedUs, 1)} us/msg with the index, ${fmt(m.plainUs, 1)} without ` +
        `(${m.messages} messages each, ${m.messagesPerTransaction}/transaction; rounds ${m.extraPctPerRound.join('/')}%)`,
    ]);
  emit('search', res, [
    row([
      'search',
      name,
      '',
      '',
      fmt(res.latencyMs.p50),
      fmt(res.latencyMs.p99),
      '',
      '',
      '',
      `p95 ${fmt(res.latencyMs.p95)} ms over ${res.queries} queries (${res.withHits} with hits), ` +
        `${res.messages} messages in ${res.chats} chats; written in ${fmt(res.loadS, 0)} s` +
        (res.indexCatchUpS !== undefined
          ? `, indexed ${fmt(res.indexCatchUpS, 0)} s after start`
          : '') +
        (res.vacuumAnalyzeS !== null ? `, VACUUM ANALYZE ${fmt(res.vacuumAnalyzeS, 0)} s` : '') +
        `; load ${res.loadavgQueries.join(' ')}`,
    ]),
    row([
      'search',
      'by kind',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      Object.entries(res.byKind)
        .map(([k, v]) => `${k} p95 ${fmt(v.p95, 1)}`)
        .join(', ') + `; with filters p95 ${fmt(res.filtered.p95, 1)} (ms)`,
    ]),
    cost(w.single, 'one message per transaction'),
    cost(w.burst, `${w.burst.messagesPerTransaction} per transaction`),
  ]);
}

async function scenarioWidget() {
  const sizes = widgetSizes();
  log('widget: launcher timing in Chromium');
  const timing = await withTarget('parley', (t) => launcherTiming(t.url, PARAMS.widget.runs));
  const res = { ...sizes, ...timing };
  emit('widget', res, [
    row([
      'widget',
      'parley',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      `loader.js ${fmt(res.loaderGzipBytes / 1024, 1)} KB gz, chat ${fmt(res.chatGzipBytes / 1024, 1)} KB gz, ` +
        `launcher visible ${fmt(res.launcherVisibleMs, 0)} ms (median of ${PARAMS.widget.runs})`,
    ]),
  ]);
}

/** results.cluster: every cluster figure with the one node's beside it. */
function clusterSummary() {
  const s = results.scenarios;
  const pick = (sc) => {
    const cl = sc?.cluster;
    const one = sc?.parley;
    if (!cl) return null;
    return {
      rate: cl.rateTarget,
      chats: cl.chats,
      connections: cl.connections,
      placement: cl.placement,
      p50: cl.latencyMs.p50,
      oneNodeP50: one?.latencyMs.p50 ?? null,
      p99: cl.latencyMs.p99,
      oneNodeP99: one?.latencyMs.p99 ?? null,
      p999: cl.latencyMs.p999,
      oneNodeP999: one?.latencyMs.p999 ?? null,
      sent: cl.sent,
      delivered: cl.delivered,
      oneNodeDelivered: one?.delivered ?? null,
      deliveredRate: cl.deliveredRate,
      oneNodeDeliveredRate: one?.deliveredRate ?? null,
      lost: cl.lost,
      oneNodeLost: one?.lost ?? null,
      deliveredAfter1s: cl.deliveredAfter1s,
      oneNodeDeliveredAfter1s: one?.deliveredAfter1s ?? null,
      cpuPerMsgUs: cl.cpuPerMsgUs,
      oneNodeCpuPerMsgUs: one?.cpuPerMsgUs ?? null,
      serverCores: cl.serverCores,
      oneNodeServerCores: one?.serverCores ?? null,
      perNode: cl.perNode,
      redisCores: cl.redisCpuMs === null ? null : round(cl.redisCpuMs / 1000 / cl.measureS, 3),
      otherCores: cl.otherCores,
      oneNodeOtherCores: one?.otherCores ?? null,
    };
  };
  const dep = s.latency?.cluster?.deployment ?? s.throughput?.cluster?.deployment ?? {};
  results.cluster = {
    nodes: CLUSTER,
    via: CLUSTER_VIA,
    redis: dep.redis ?? null,
    balancer: dep.balancer ?? null,
    healthCheck: dep.checkPath ?? null,
    oneNode:
      `one Parley node, fresh PostgreSQL database, no Redis` +
      (CLUSTER_VIA === 'haproxy' ? ', behind HAProxy' : ', sockets straight to it'),
    latency: pick(s.latency),
    crossNodeExtraP50Ms: s.latency?.clusterVsOneNode?.p50ExtraMs ?? null,
    crossNodeExtraP99Ms: s.latency?.clusterVsOneNode?.p99ExtraMs ?? null,
    throughput: pick(s.throughput),
  };
}

/** The search scenario's targets: p95 of the queries, and the index's share of a message's CPU. */
function searchTargets(r, add) {
  add(
    'search.p95',
    `search p95 <= ${TARGETS.searchP95Ms} ms over ${r.messages} messages (${r.dialect})`,
    r.latencyMs.p95,
    TARGETS.searchP95Ms,
    'ms',
    r.latencyMs.p95 <= TARGETS.searchP95Ms,
  );
  for (const [mode, m] of Object.entries(r.writeCost.modes)) {
    add(
      `search.indexCost.${mode}`,
      `the search index adds <= ${TARGETS.searchIndexExtraPct}% to the CPU of a message ` +
        `(${m.messagesPerTransaction} per transaction: ${fmt(m.indexedUs, 1)} vs ${fmt(m.plainUs, 1)} us)`,
      m.extraPct,
      TARGETS.searchIndexExtraPct,
      '%',
      m.extraPct <= TARGETS.searchIndexExtraPct,
    );
  }
}

function evaluateTargets() {
  const s = results.scenarios;
  const t = [];
  const add = (id, description, value, limit, unit, met) =>
    t.push({
      id,
      description,
      value,
      limit,
      unit,
      met: value === null || value === undefined ? null : met,
    });
  if (s.latency) {
    add(
      'latency.cpuRatio',
      'CPU per persisted, delivered message <= 2.5x the relay (2,000 msg/s)',
      s.latency.ratio.cpuPerMsg,
      TARGETS.cpuRatio,
      'x',
      s.latency.ratio.cpuPerMsg <= TARGETS.cpuRatio,
    );
    const p99 = s.latency.parley.latencyMs.p99;
    add(
      'latency.p99',
      `p99 <= 10 ms at 2,000 msg/s over 4,000 connections (${results.database})`,
      p99,
      TARGETS.latencyP99Ms,
      'ms',
      p99 <= TARGETS.latencyP99Ms,
    );
  }
  if (s.throughput) {
    const r = s.throughput.parley;
    add(
      'throughput.loss',
      `no loss at 10,000 msg/s (1,000 chats): undelivered ${PARAMS.throughput.graceS} s after the last send` +
        ` (delivered at ${fmt(r.deliveredRate, 0)} msg/s; ${r.deliveredAfter1s ?? '?'} arrived after more than 1 s)`,
      r.lost,
      0,
      'messages',
      r.lost === 0,
    );
    add(
      'throughput.p99',
      'p99 <= 60 ms at 10,000 msg/s',
      r.latencyMs.p99,
      TARGETS.throughputP99Ms,
      'ms',
      r.latencyMs.p99 <= TARGETS.throughputP99Ms,
    );
    add(
      'throughput.cpuRatio',
      'CPU per persisted, delivered message <= 2.5x the relay (10,000 msg/s)',
      s.throughput.ratio.cpuPerMsg,
      TARGETS.cpuRatio,
      'x',
      s.throughput.ratio.cpuPerMsg <= TARGETS.cpuRatio,
    );
  }
  if (CLUSTER && results.cluster?.latency) {
    const c = results.cluster;
    add(
      'cluster.latency.crossNodeExtraP50',
      `cross-node p50 <= 1 ms above one node (2,000 msg/s, ${CLUSTER} nodes: ` +
        `p50 ${fmt(c.latency.p50, 2)} vs ${fmt(c.latency.oneNodeP50, 2)} ms, ` +
        `p99 ${fmt(c.latency.p99, 2)} vs ${fmt(c.latency.oneNodeP99, 2)} ms)`,
      c.crossNodeExtraP50Ms,
      TARGETS.clusterExtraP50Ms,
      'ms',
      c.crossNodeExtraP50Ms <= TARGETS.clusterExtraP50Ms,
    );
  }
  if (CLUSTER && results.cluster?.throughput) {
    const c = results.cluster.throughput;
    add(
      'cluster.throughput.loss',
      `at 10,000 msg/s the cluster of ${CLUSTER} delivers everything where one node cannot: ` +
        `undelivered ${PARAMS.throughput.graceS} s after the last send (cluster ` +
        `${fmt(c.deliveredRate, 0)} msg/s delivered, p99 ${fmt(c.p99, 1)} ms, ` +
        `${c.deliveredAfter1s} after more than 1 s; one node ${c.oneNodeLost ?? '?'} undelivered, ` +
        `${fmt(c.oneNodeDeliveredRate, 0)} msg/s, p99 ${fmt(c.oneNodeP99, 1)} ms)`,
      c.lost,
      0,
      'messages',
      c.lost === 0,
    );
  }
  if (s.idle) {
    const v = s.idle.parley.rssPerConnBytes;
    add(
      'idle.rssPerConn',
      '<= 20 KB RSS per idle connected visitor',
      v,
      TARGETS.idleRssPerConnBytes,
      'bytes',
      v <= TARGETS.idleRssPerConnBytes,
    );
  }
  if (s.search) searchTargets(s.search, add);
  if (s.widget) {
    add(
      'widget.loader',
      'loader.js <= 5 KB gzip',
      s.widget.loaderGzipBytes,
      TARGETS.loaderGzipBytes,
      'bytes',
      s.widget.loaderGzipBytes <= TARGETS.loaderGzipBytes,
    );
    add(
      'widget.chat',
      'open chat <= 45 KB gzip',
      s.widget.chatGzipBytes,
      TARGETS.chatGzipBytes,
      'bytes',
      s.widget.chatGzipBytes <= TARGETS.chatGzipBytes,
    );
  }
  results.targets = t;
  console.log('');
  console.log(`Targets${SMOKE ? ' (smoke scale: a harness check, not a measurement)' : ''}:`);
  for (const x of t) {
    const status = x.met === null ? 'n/a ' : x.met ? 'met ' : 'MISS';
    console.log(`  ${status}  ${x.description}: ${fmt(x.value, 2)} ${x.unit} (limit ${x.limit})`);
  }
}

// ---------------------------------------------------------------- main

async function main() {
  log(
    `mode ${results.mode}, database ${results.database}, scenarios ${ONLY.join(', ')}` +
      (CLUSTER ? `, cluster of ${CLUSTER} (${CLUSTER_VIA})` : ''),
  );
  if (CLUSTER) {
    // Fail before anything starts when a cluster's parts are missing.
    redisVersion();
    haproxyBinary();
  }
  results.build = ensureBuilt();
  const need = Math.max(PARAMS.idle.visitors, PARAMS.latency.chats * 2) + 500;
  if (results.machine.openFilesLimit !== null && results.machine.openFilesLimit < need) {
    log(
      `warning: open files limit ${results.machine.openFilesLimit} < ${need}; raise it (ulimit -n ${need * 2})`,
    );
  }
  if (CPU_PROF) fs.mkdirSync(PROFILE_DIR, { recursive: true });
  // The cores are shared with whatever else runs here: note how busy the machine is before we start.
  const a = systemCpu();
  await new Promise((r) => setTimeout(r, 1000));
  const b = systemCpu();
  results.machine.busyCoresBeforeStart = round((b.busyMs - a.busyMs) / 1000, 2);
  if (results.machine.busyCoresBeforeStart > 0.3) {
    log(
      `warning: the machine is already ${results.machine.busyCoresBeforeStart} cores busy before the bench starts: figures will be noisy`,
    );
  }
  console.log(
    `Parley bench (${results.mode}, ${results.database}) on ${results.machine.cores} x ${results.machine.cpu}, ` +
      `node ${process.version}; relay and Parley run one after the other, each sharing the cores with the load generator` +
      (CLUSTER
        ? `; then a cluster of ${CLUSTER} nodes + Redis + HAProxy on the same cores, every measured message cross-node`
        : ''),
  );
  header();
  const steps = {
    latency: () => scenarioChat('latency'),
    throughput: () => scenarioChat('throughput'),
    idle: scenarioIdle,
    search: scenarioSearch,
    widget: scenarioWidget,
    flood: scenarioFlood,
  };
  for (const name of ONLY) {
    try {
      await steps[name]();
    } catch (err) {
      log(`${name} failed: ${err.stack ?? err}`);
      results.errors.push({ scenario: name, error: String(err.message ?? err).slice(0, 2000) });
      console.log(
        row([name, 'ERROR', '', '', '', '', '', '', '', String(err.message ?? err).split('\n')[0]]),
      );
    }
  }
  if (CLUSTER) clusterSummary();
  evaluateTargets();
  if (profiles.length > 0) {
    console.log('');
    console.log('CPU profiles of the measured windows (top self time):');
    for (const p of profiles) {
      console.log(`  ${path.relative(ROOT, p.file)}`);
      for (const line of summarizeProfile(p.file, 12).lines) console.log(`    ${line}`);
    }
    results.profiles = profiles.map((p) => path.relative(ROOT, p.file));
  }
  results.durationS = round((Date.now() - started) / 1000, 1);
  await cleanup();
  console.log('');
  console.log(JSON.stringify(results));
  process.exit(results.errors.length > 0 ? 1 : 0);
}

main().catch(async (err) => {
  log(`bench failed: ${err.stack ?? err}`);
  await cleanup();
  process.exit(1);
});
