import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { freePort, pollUntil } from './wait.js';
import { isRunning, stopProcess, trackProcess } from './processes.js';

/**
 * A redis-server of the test's own on a free loopback port, keeping nothing on disk. `stop()`
 * is an outage (SIGKILL); `start()` brings it back on the same port, empty, as a restarted
 * Redis without persistence would be.
 */
export class TestRedis {
  private child: ChildProcess | null = null;
  private output = '';

  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  static async start(dir: string): Promise<TestRedis> {
    const redis = new TestRedis(await freePort(), path.join(dir, 'redis'));
    fs.mkdirSync(redis.dir, { recursive: true });
    await redis.start();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return isRunning(this.child);
  }

  log(): string {
    return this.output;
  }

  async start(): Promise<void> {
    if (this.running) return;
    const child = spawn(
      'redis-server',
      [
        '--port',
        String(this.port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--dir',
        this.dir,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    trackProcess(child, 'redis-server');
    this.child = child;
    const collect = (d: Buffer) => {
      this.output = (this.output + d.toString()).slice(-20_000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    await pollUntil(() => this.ping(), {
      timeoutMs: 10_000,
      what: `redis-server answering PING on 127.0.0.1:${this.port}`,
      stopIf: () => (isRunning(child) ? null : `redis-server exited: ${this.output}`),
    });
  }

  async stop(): Promise<void> {
    const c = this.child;
    this.child = null;
    if (c) await stopProcess(c, 'SIGKILL');
  }

  async ping(): Promise<boolean> {
    const probe = new Redis(this.port, '127.0.0.1', {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: 1000,
    });
    probe.on('error', () => undefined);
    try {
      await probe.connect();
      return (await probe.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      probe.disconnect();
    }
  }
}
