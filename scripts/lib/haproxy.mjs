// The load balancer in front of N Parley nodes, as deploy/haproxy.cfg describes it: one
// config writer shared by `npm run start:cluster`, the cluster tests and the benchmark, so
// what is tested is what operators run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A refusal in Parley's error body shape, answered by the balancer itself. */
const METRICS_REFUSAL = JSON.stringify({
  error: {
    code: 'FORBIDDEN',
    message: 'Scrape /metrics on each node, not through the balancer.',
  },
});

/**
 * The `defaults`, `frontend` and `backend` lines every Parley balancer shares, in order;
 * deploy/haproxy.cfg and deploy/haproxy.compose.cfg hold the same directives (a test checks).
 * `binds` are the bind lines' arguments, `servers` the server lines' arguments; `checkPath`
 * stays /readyz except for a node too old to have it (the bench measures older builds).
 */
export function parleySections({ binds, servers, checkPath = '/readyz' }) {
  return [
    'defaults',
    '  mode http',
    // One request per connection to a node: a draining node keeps no idle pooled connections.
    '  option http-server-close',
    // Adds the client's address; nodes run with TRUST_PROXY=true and believe it.
    '  option forwardfor',
    '  timeout connect 5s',
    '  timeout client 60s',
    '  timeout server 60s',
    // A client has 10 s to send its request headers (slowloris).
    '  timeout http-request 10s',
    // Open WebSockets: Socket.IO pings every 20 s; page-view streams send a comment every 25 s.
    '  timeout tunnel 1h',
    '  timeout http-keep-alive 10s',
    '',
    'frontend parley',
    ...binds.map((b) => `  bind ${b}`),
    // Only the address this balancer saw reaches the nodes: a client cannot pose as another IP
    // (bans and rate limits go by it).
    '  http-request del-header X-Forwarded-For',
    '  http-request del-header Forwarded',
    // Each node serves its own /metrics; through the balancer it would be a random node's.
    `  http-request return status 403 content-type application/json string '${METRICS_REFUSAL}' if { path /metrics }`,
    '  default_backend nodes',
    '',
    'backend nodes',
    // Connections are long (WebSockets): send new ones to the node with the fewest, so a node
    // that restarted fills up again.
    '  balance leastconn',
    // Stickiness by an inserted cookie, so Socket.IO's long-polling fallback (several requests
    // per session) always reaches the node that holds the session.
    '  cookie PARLEY_NODE insert indirect nocache httponly',
    // Health by /readyz: a draining node, or one that lost its storage or Redis, takes no new
    // connections; 2 failed checks 1 s apart take it out, 2 good ones bring it back.
    `  option httpchk GET ${checkPath}`,
    '  http-check expect status 200',
    // A node that refused (down, or 503 while it drains: nothing was done) gets the request
    // retried on another node; the client never sees it.
    '  retries 2',
    '  retry-on conn-failure 503',
    '  option redispatch 1',
    ...servers.map((s) => `  server ${s}`),
  ];
}

/** `server` line arguments for one node. */
export function serverLine({ name, host = '127.0.0.1', port, checkIntervalMs = 1000 }) {
  return `${name} ${host}:${port} cookie ${name} check inter ${checkIntervalMs} fall 2 rise 2`;
}

/**
 * An HAProxy configuration for `nodes` ({name, host, port}) listening on `port`, to run in the
 * foreground (`haproxy -db -f`): the sections of deploy/haproxy.cfg without Debian's global
 * settings (logging, chroot, user).
 * - WebSocket upgrades pass through (HTTP mode tunnels them; `timeout tunnel` keeps them).
 * - Stickiness by an inserted cookie, for Socket.IO's long-polling fallback.
 * - Health by /readyz.
 */
export function haproxyConfig({
  port,
  nodes,
  host = '127.0.0.1',
  checkIntervalMs = 1000,
  checkPath = '/readyz',
}) {
  if (!Array.isArray(nodes) || nodes.length === 0) throw new Error('haproxyConfig: no nodes');
  return [
    'global',
    '  maxconn 9000',
    '',
    ...parleySections({
      binds: [`${host}:${port}`],
      servers: nodes.map((n) => serverLine({ ...n, checkIntervalMs })),
      checkPath,
    }),
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
 * as it exists, e.g. to register it for a stop on any exit. `detached`: in a process group of
 * its own, so a terminal's Ctrl-C reaches only the parent, which stops it when it chooses.
 */
export async function startHaproxy({
  nodes,
  port,
  onOutput,
  onSpawn,
  checkPath,
  detached = false,
} = {}) {
  const listen = port ?? (await freePort());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-haproxy-'));
  const file = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(file, haproxyConfig({ port: listen, nodes, checkPath }));
  const check = spawnSync(haproxyBinary(), ['-c', '-q', '-f', file], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`haproxy config invalid: ${check.stderr}`);
  const child = spawn(haproxyBinary(), ['-db', '-f', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
    detached,
  });
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
