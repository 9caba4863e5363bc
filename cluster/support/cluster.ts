import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReadinessResponse } from '@parley/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startHaproxy } from '../../scripts/lib/haproxy.mjs';
import { api, type AgentLogin, type Api } from './api.js';
import { TestDatabase } from './database.js';
import { isRunning, stopAllProcesses, stopProcess, trackProcess } from './processes.js';
import { TestRedis } from './redis.js';
import { freePort, pollUntil } from './wait.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(root, 'apps/server/dist/main.js');

export const ADMIN = { email: 'admin@example.com', password: 'cluster-admin-password' };
/** How long a node may take from spawn to ready (migrations included). */
const READY_WITHIN_MS = 30_000;
/** How much of each log is kept in memory for failure reports (all of it goes to a file). */
const LOG_KEEP = 400_000;

export interface Readiness {
  httpStatus: number;
  body: Partial<ReadinessResponse>;
}

/** One Parley process: `node apps/server/dist/main.js` with its own port and data directory. */
export class ParleyNode {
  child: ChildProcess | null = null;
  private output = '';
  private exitInfo = '';
  private readonly logFile: string;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly dir: string,
  ) {
    fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
    this.logFile = path.join(dir, 'node.log');
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return isRunning(this.child);
  }

  /** This node's output since the run began (restarts included, marked). */
  log(): string {
    return this.output;
  }

  private append(text: string): void {
    fs.appendFileSync(this.logFile, text);
    this.output = (this.output + text).slice(-LOG_KEEP);
  }

  mark(text: string): void {
    this.append(`\n----- [cluster test] ${new Date().toISOString()} ${text} -----\n`);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.mark(`starting ${this.name} on 127.0.0.1:${this.port}`);
    const child = spawn(process.execPath, [MAIN], {
      cwd: root,
      env: { ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    trackProcess(child, this.name);
    this.child = child;
    child.stdout?.on('data', (d: Buffer) => this.append(d.toString()));
    child.stderr?.on('data', (d: Buffer) => this.append(d.toString()));
    child.once('exit', (code, signal) => {
      this.exitInfo = `exited with ${signal ?? code}`;
      this.mark(`${this.name} ${this.exitInfo}`);
    });
    await pollUntil(() => this.isReady(), {
      timeoutMs: READY_WITHIN_MS,
      what: `${this.name} ready on ${this.url}`,
      stopIf: () => (isRunning(child) ? null : `${this.name} ${this.exitInfo}:\n${this.tail(40)}`),
    });
  }

  /** /readyz answers 200 (or, on a build without /readyz yet, /healthz does). */
  async isReady(): Promise<boolean> {
    const r = await this.readyz();
    if (r.httpStatus === 404) return (await fetch(`${this.url}/healthz`)).status === 200;
    return r.httpStatus === 200;
  }

  async readyz(): Promise<Readiness> {
    const res = await fetch(`${this.url}/readyz`, { signal: AbortSignal.timeout(3000) });
    const body = (await res.json().catch(() => ({}))) as Partial<ReadinessResponse>;
    return { httpStatus: res.status, body };
  }

  /** kill -9: no drain, no goodbye. Resolves once the process is gone. */
  async kill9(): Promise<void> {
    if (!this.child) return;
    this.mark(`kill -9 ${this.name} (pid ${this.pid})`);
    await stopProcess(this.child, 'SIGKILL');
  }

  /** Sends SIGTERM; the promise resolves when the process has exited (after its drain). */
  sigterm(): Promise<void> {
    if (!this.child) return Promise.resolve();
    this.mark(`SIGTERM ${this.name} (pid ${this.pid})`);
    return stopProcess(this.child, 'SIGTERM', 30_000);
  }

  async restart(): Promise<void> {
    if (this.child && this.running) await this.sigterm();
    await this.start();
  }

  tail(lines: number): string {
    return this.output.split('\n').slice(-lines).join('\n');
  }
}

export interface Balancer {
  url: string;
  port: number;
  pid: number;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** How many nodes (named node-a, node-b, ...). */
  nodes?: number;
  /** HAProxy in front (its URL is every node's PUBLIC_URL). */
  balancer?: boolean;
  env?: Record<string, string>;
}

/**
 * N Parley nodes on one fresh PostgreSQL database and one redis-server of the test's own,
 * optionally behind HAProxy, everything on 127.0.0.1.
 */
export class Cluster {
  readonly nodes: ParleyNode[] = [];
  balancer: Balancer | null = null;
  siteKey = '';
  siteId = '';
  admin!: AgentLogin;
  private balancerOutput = '';
  private readonly sockets = new Set<Socket>();

  private constructor(
    readonly dir: string,
    readonly db: TestDatabase,
    readonly redis: TestRedis,
    readonly publicUrl: string,
  ) {}

  static async start(opts: ClusterOptions = {}): Promise<Cluster> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-cluster-'));
    const db = await TestDatabase.create();
    let redis: TestRedis | null = null;
    let cluster: Cluster | null = null;
    try {
      redis = await TestRedis.start(dir);
      const balancerPort = opts.balancer ? await freePort() : 0;
      const count = opts.nodes ?? 3;
      const ports = await distinctPorts(count, [redis.port, balancerPort]);
      const publicUrl = opts.balancer ? `http://127.0.0.1:${balancerPort}` : '';
      cluster = new Cluster(dir, db, redis, publicUrl);
      for (let i = 0; i < count; i += 1) {
        const name = `node-${String.fromCharCode(97 + i)}`;
        const port = ports[i]!;
        cluster.nodes.push(
          new ParleyNode(
            name,
            port,
            {
              PATH: process.env.PATH ?? '/usr/bin:/bin',
              HOME: process.env.HOME ?? os.tmpdir(),
              NODE_ENV: 'production',
              HOST: '127.0.0.1',
              DATABASE_URL: db.url,
              REDIS_URL: redis.url,
              NODE_ID: name,
              PUBLIC_URL: publicUrl || `http://127.0.0.1:${port}`,
              DATA_DIR: path.join(dir, name, 'data'),
              PARLEY_ADMIN_EMAIL: ADMIN.email,
              PARLEY_ADMIN_PASSWORD: ADMIN.password,
              LOG_LEVEL: 'info',
              TRUST_PROXY: 'true',
              // The steady loads send 10 a second per visitor, and every visitor of a run
              // comes from 127.0.0.1: above the visitor limits, which these tests are not about.
              RATE_LIMIT_MESSAGES: '1000/10s',
              RATE_LIMIT_MESSAGES_PER_IP: '100000/10s',
              RATE_LIMIT_SESSIONS_PER_IP: '100000/10m',
              RATE_LIMIT_PAGE_VIEWS_PER_IP: '100000/1m',
              ...opts.env,
            },
            path.join(dir, name),
          ),
        );
      }
      // Started together, as an operator's orchestrator would: one migration, one first admin.
      await Promise.all(cluster.nodes.map((n) => n.start()));
      if (opts.balancer) {
        const lb = await startHaproxy({
          nodes: cluster.nodes.map((n) => ({ name: n.name, port: n.port })),
          port: balancerPort,
          onOutput: (chunk: string) => {
            cluster!.balancerOutput = (cluster!.balancerOutput + chunk).slice(-50_000);
          },
        });
        trackProcess(lb.child, 'haproxy');
        cluster.balancer = lb as Balancer;
        await cluster.balancerSeesAll();
      }
      const first = cluster.api(cluster.nodes[0]!);
      cluster.admin = await first.signIn(ADMIN.email, ADMIN.password);
      const { sites } = await first.asAgent<{ sites: Array<{ id: string; key: string }> }>(
        cluster.admin,
        'GET',
        '/sites',
      );
      if (!sites[0]) throw new Error('no site was created at start-up');
      cluster.siteKey = sites[0].key;
      cluster.siteId = sites[0].id;
      return cluster;
    } catch (err) {
      const report = cluster?.report() ?? '';
      await cluster?.stop();
      if (!cluster) {
        await redis?.stop();
        await db.drop();
      }
      throw new Error(`the cluster did not start: ${(err as Error).message}\n${report}`, {
        cause: err,
      });
    }
  }

  node(name: string): ParleyNode {
    const n = this.nodes.find((x) => x.name === name);
    if (!n) throw new Error(`no node ${name}`);
    return n;
  }

  /** The balancer's URL (it must have been started). */
  get lbUrl(): string {
    if (!this.balancer) throw new Error('this cluster has no balancer');
    return this.balancer.url;
  }

  /** The Origin an agent socket must present: the public URL, else the node's own. */
  originFor(url: string): string {
    return this.publicUrl || url;
  }

  api(target: ParleyNode | string): Api {
    const url = typeof target === 'string' ? target : target.url;
    return api(url, this.siteKey, this.originFor(url));
  }

  /** Remembers a socket, so that it is closed after the test whatever happened. */
  track<S extends Socket>(socket: S): S {
    this.sockets.add(socket);
    return socket;
  }

  closeSockets(): void {
    for (const s of this.sockets) s.disconnect();
    this.sockets.clear();
  }

  /** The node that says it leads (`leader: true` on /readyz), once exactly one does. */
  async leader(timeoutMs = 10_000, among: ParleyNode[] = this.nodes): Promise<ParleyNode> {
    let seen = '';
    return pollUntil(
      async () => {
        const states = await Promise.all(
          among
            .filter((n) => n.running)
            .map(async (n) => ({ n, r: await n.readyz().catch(() => null) })),
        );
        seen = states.map((s) => `${s.n.name}: ${JSON.stringify(s.r?.body ?? null)}`).join(', ');
        const leaders = states.filter((s) => s.r?.body.leader === true);
        return leaders.length === 1 ? leaders[0]!.n : null;
      },
      { timeoutMs, what: 'exactly one running node reporting leader: true', describe: () => seen },
    );
  }

  /** Waits until HAProxy routes to every running node (its health checks passed). */
  async balancerSeesAll(timeoutMs = 15_000): Promise<void> {
    if (!this.balancer) return;
    const wanted = new Set(this.nodes.filter((n) => n.running).map((n) => n.name));
    const seen = new Set<string>();
    await pollUntil(
      async () => {
        // Without a cookie every request is balanced round robin; /readyz names the node.
        const res = await fetch(`${this.lbUrl}/readyz`, { signal: AbortSignal.timeout(3000) });
        const body = (await res.json().catch(() => ({}))) as Partial<ReadinessResponse>;
        if (body.node) seen.add(body.node);
        return [...wanted].every((n) => seen.has(n));
      },
      {
        timeoutMs,
        intervalMs: 200,
        what: `HAProxy routing to all of ${[...wanted].join(', ')}`,
        describe: () => `reached ${[...seen].join(', ') || 'none'}`,
      },
    );
  }

  /** After a test, whatever it broke: every node and Redis running again. */
  async heal(): Promise<void> {
    this.closeSockets();
    if (!this.redis.running) await this.redis.start();
    const down = this.nodes.filter((n) => !n.running);
    await Promise.all(down.map((n) => n.start()));
    // Also after an outage the test ended itself (Redis back): /readyz failed meanwhile, so
    // HAProxy may still have nodes out until their checks pass again.
    await this.balancerSeesAll();
  }

  /** The tail of every log, for a failed test's report. */
  report(lines = 80): string {
    const parts = this.nodes.map(
      (n) =>
        `===== ${n.name} (port ${n.port}, ${n.running ? `pid ${n.pid}` : 'not running'}) =====\n${n.tail(lines)}`,
    );
    if (this.balancer)
      parts.push(
        `===== haproxy ${this.balancer.url} =====\n${this.balancerOutput.split('\n').slice(-lines).join('\n')}`,
      );
    parts.push(
      `===== redis ${this.redis.url} =====\n${this.redis.log().split('\n').slice(-20).join('\n')}`,
    );
    parts.push(`(full logs under ${this.dir})`);
    return parts.join('\n');
  }

  async stop(): Promise<void> {
    this.closeSockets();
    await Promise.all(
      this.nodes.map((n) => (n.child ? stopProcess(n.child, 'SIGTERM', 5000) : null)),
    );
    await this.balancer?.stop().catch(() => undefined);
    await this.redis.stop();
    await stopAllProcesses();
    await this.db.drop();
    if (!process.env.PARLEY_CLUSTER_KEEP_LOGS)
      fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

async function distinctPorts(count: number, taken: number[]): Promise<number[]> {
  const out: number[] = [];
  while (out.length < count) {
    const p = await freePort();
    if (!out.includes(p) && !taken.includes(p)) out.push(p);
  }
  return out;
}

/**
 * One cluster for the test file: started before its tests, healed after each (nodes a test
 * killed are started again, Redis too), everything stopped by pid at the end. A failed test
 * prints every node's log tail.
 */
export function useCluster(opts: ClusterOptions = {}): () => Cluster {
  let cluster: Cluster | null = null;
  beforeAll(async () => {
    cluster = await Cluster.start(opts);
  });
  beforeEach((ctx) => {
    ctx.onTestFailed(() => {
      if (cluster)
        process.stderr.write(`\n[cluster] "${ctx.task.name}" failed; logs:\n${cluster.report()}\n`);
    });
  });
  afterEach(async () => {
    await cluster?.heal();
  });
  afterAll(async () => {
    const c = cluster;
    cluster = null;
    if (c) await c.stop();
    else await stopAllProcesses();
  });
  return () => {
    if (!cluster) throw new Error('the cluster is not running (did beforeAll fail?)');
    return cluster;
  };
}
