// The load balancer in front of N Parley nodes, as deploy/haproxy.cfg describes it: one
// config writer shared by `npm run start:cluster`, the cluster tests and the benchmark, so
// what is tested is what operators run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * An HAProxy configuration for `nodes` ({name, host, port}) listening on `port`.
 * - WebSocket upgrades pass through (HTTP mode tunnels them; `timeout tunnel` keeps them).
 * - Stickiness by an inserted cookie, so Socket.IO's long-polling fallback (several requests
 *   per session) always reaches the node that holds the session.
 * - Health by /readyz: a draining node or one that lost its storage or Redis takes no new
 *   connections.
 */
export function haproxyConfig({
  port,
  nodes,
  host = '127.0.0.1',
  checkIntervalMs = 1000,
  checkPath = '/readyz',
}) {
  if (!Array.isArray(nodes) || nodes.length === 0) throw new Error('haproxyConfig: no nodes');
  const servers = nodes.map(
    (n) =>
      `  server ${n.name} ${n.host ?? '127.0.0.1'}:${n.port} cookie ${n.name} check inter ${checkIntervalMs} fall 2 rise 2`,
  );
  return [
    'global',
    '  maxconn 9000',
    '',
    'defaults',
    '  mode http',
    '  option http-server-close',
    '  option forwardfor',
    '  timeout connect 5s',
    '  timeout client 60s',
    '  timeout server 60s',
    // Open WebSockets and event streams: Socket.IO pings every 20 s, streams every 25 s.
    '  timeout tunnel 1h',
    '  timeout http-keep-alive 10s',
    '',
    'frontend parley',
    `  bind ${host}:${port}`,
    '  default_backend nodes',
    '',
    'backend nodes',
    '  balance roundrobin',
    '  cookie PARLEY_NODE insert indirect nocache httponly',
    `  option httpchk GET ${checkPath}`,
    '  http-check expect status 200',
    // A node that went away: move its clients' next requests to another node.
    '  option redispatch',
    '  retries 2',
    ...servers,
    '',
  ].join('\n');
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

export function haproxyBinary() {
  const found = spawnSync('sh', ['-c', 'command -v haproxy'], { encoding: 'utf8' });
  const bin = found.stdout.trim();
  if (!bin) throw new Error('haproxy is not installed (apt-get install -y haproxy)');
  return bin;
}

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve();
      });
      s.once('error', () => {
        s.destroy();
        if (Date.now() > deadline)
          reject(new Error(`haproxy did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

/**
 * Starts HAProxy in the foreground (a child of this process) for `nodes`; resolves once it
 * listens. `stop()` ends it by its pid. `onSpawn(child)` (optional) sees the process as soon
 * as it exists, e.g. to register it for a stop on any exit.
 */
export async function startHaproxy({ nodes, port, onOutput, onSpawn, checkPath } = {}) {
  const listen = port ?? (await freePort());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-haproxy-'));
  const file = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(file, haproxyConfig({ port: listen, nodes, checkPath }));
  const check = spawnSync(haproxyBinary(), ['-c', '-q', '-f', file], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`haproxy config invalid: ${check.stderr}`);
  const child = spawn(haproxyBinary(), ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  onSpawn?.(child);
  let output = '';
  const collect = (chunk) => {
    output += chunk.toString();
    onOutput?.(chunk.toString());
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await Promise.race([
    waitForPort(listen, 10_000),
    exited.then((code) => {
      throw new Error(`haproxy exited (${code}) before listening: ${output}`);
    }),
  ]);
  return {
    port: listen,
    url: `http://127.0.0.1:${listen}`,
    pid: child.pid,
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(child.pid, 'SIGTERM');
        const t = setTimeout(() => {
          try {
            process.kill(child.pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }, 3000);
        await exited;
        clearTimeout(t);
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
