import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const exec = promisify(execFile);

/** Where initdb, pg_ctl and postgres live (PARLEY_TEST_PG_BIN to override). */
export const PG_BIN = process.env.PARLEY_TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';
export const havePostgresBinaries = fs.existsSync(path.join(PG_BIN, 'pg_ctl'));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

const isRoot = process.getuid?.() === 0;

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user. */
function runPg(program: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const file = path.join(PG_BIN, program);
  return isRoot
    ? exec('runuser', ['-u', 'postgres', '--', file, ...args], { timeout: 60_000 })
    : exec(file, args, { timeout: 60_000 });
}

async function idsOf(user: string): Promise<{ uid: number; gid: number }> {
  const [uid, gid] = await Promise.all([
    exec('id', ['-u', user]).then((r) => Number(r.stdout.trim())),
    exec('id', ['-g', user]).then((r) => Number(r.stdout.trim())),
  ]);
  return { uid, gid };
}

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  /** Stops the server at once (`pg_ctl stop -m immediate`: no checkpoint, crash recovery next). */
  crash(): Promise<void>;
  /** Starts it again on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** The postmaster's pid, from postmaster.pid (null while stopped). */
  pid(): number | null;
  /** Stops the server by its pid and removes its folder. */
  destroy(): Promise<void>;
}

/**
 * A PostgreSQL of the test's own: initdb into a temp folder, listening on a free loopback port
 * with its unix socket in that folder, so stopping it touches nothing else.
 */
export async function startTestPostgres(): Promise<TestPostgres> {
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-pg-'));
  const data = path.join(dir, 'data');
  if (isRoot) {
    const { uid, gid } = await idsOf('postgres');
    fs.chownSync(dir, uid, gid);
  }
  await runPg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=40',
  ].join(' ');
  const start = async () => {
    await runPg('pg_ctl', [
      'start',
      '-D',
      data,
      '-w',
      '-t',
      '30',
      '-l',
      path.join(dir, 'log'),
      '-o',
      options,
    ]);
  };
  const pid = () => {
    try {
      return Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      return null;
    }
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    crash: async () => {
      await runPg('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
    },
    start,
    pid,
    destroy: async () => {
      const p = pid();
      if (p) {
        try {
          process.kill(p, 'SIGINT'); // fast shutdown
          const deadline = Date.now() + 15_000;
          while (alive(p)) {
            if (Date.now() > deadline) {
              process.kill(p, 'SIGKILL');
              break;
            }
            await new Promise((r) => setTimeout(r, 50));
          }
        } catch {
          // Gone already.
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs one statement on a connection of its own (not Parley's), e.g. pg_terminate_backend. */
export async function adminQuery<R extends pg.QueryResultRow>(
  url: string,
  text: string,
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text)).rows;
  } finally {
    await client.end();
  }
}
