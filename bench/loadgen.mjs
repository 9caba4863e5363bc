// The load generator: a separate process, forked by bench/run.mjs, that drives one target (the
// raw relay or Parley) through one scenario and reports back over IPC. The hot path (send,
// receive, ack) is the same code for both targets: frames are Socket.IO-encoded text, one
// JSON.stringify per send and one JSON.parse per received frame.
//
// Messages: {cmd:'run', scenario, target, params} -> {type:'result', result} | {type:'error'}
// While running it may send {type:'rpc', id, req} (e.g. a forced GC in the target) and
// {type:'window', phase:'start'|'end'} (the measured window, for optional CPU profiles).
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, eventArgs, pool, socketUrl } from './lib/sio.mjs';
import { cpuDelta, cpuMs, cpuSnapshot, pidsByComm, rssBytes, systemCpu } from './lib/proc.mjs';
import { percentiles, round } from './lib/stats.mjs';

const PASSWORD = 'bench-password-1';
/** Ack ids of measured sends are ACK_BASE + message index: never a pending setup request's id. */
const ACK_BASE = 1_000_000;
const CLIENT_ID_BASE = 1_000_000_000;
/** Setup requests (start, accept) may queue behind routing work: generous, but bounded. */
const SETUP_TIMEOUT_MS = 120_000;
const BODY = 'Hi! I ordered the blue running shoes last week, can I still change the size? Order';

// ---------------------------------------------------------------- IPC with the runner

let rpcSeq = 1;
const rpcPending = new Map();
function rpc(req, timeoutMs = 60_000) {
  return new Promise((resolve, reject) => {
    const id = rpcSeq++;
    const t = setTimeout(() => {
      rpcPending.delete(id);
      reject(new Error(`runner did not answer ${req.cmd}`));
    }, timeoutMs);
    rpcPending.set(id, (res) => {
      clearTimeout(t);
      resolve(res);
    });
    process.send({ type: 'rpc', id, req });
  });
}
const log = (msg) => process.send({ type: 'log', msg });
const windowMark = (phase) => process.send({ type: 'window', phase });

// ---------------------------------------------------------------- HTTP (setup only)

async function api(base, method, p, { body, cookie, csrf, bearer } = {}) {
  const headers = { origin: base };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (cookie) headers.cookie = cookie;
  if (csrf) headers['x-csrf-token'] = csrf;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const res = await fetch(base + p, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  if (!res.ok) throw new Error(`${method} ${p} -> ${res.status} ${text.slice(0, 300)}`);
  return { res, json };
}

async function login(base, email, password) {
  const { res, json } = await api(base, 'POST', '/api/v1/auth/login', {
    body: { email, password },
  });
  const set = res.headers.getSetCookie().find((c) => c.startsWith('parley_session='));
  if (!set) throw new Error('login: no parley_session cookie');
  return { cookie: set.split(';')[0], csrf: json.csrfToken, agent: json.agent };
}

// ---------------------------------------------------------------- the hot path

/** State of one chat run; the frame handlers below close over nothing else. */
const hot = {
  sendT: new Float64Array(0),
  recvT: new Float64Array(0),
  ackT: new Float64Array(0),
  received: 0,
  duplicates: 0,
  acked: 0,
  ackErrors: {},
  echoes: 0,
  otherFrames: 0,
  disconnects: 0,
  idBase: CLIENT_ID_BASE,
  ackBase: ACK_BASE,
};

/** An agent socket's event frame: `message:new` from Parley, the forwarded send from the relay. */
function onAgentFrame(frame) {
  const args = eventArgs(frame);
  const p = args && args[1];
  const cid = p && p.clientId;
  if (typeof cid !== 'string' || cid.charCodeAt(0) !== 98 /* b */) {
    hot.otherFrames++;
    return;
  }
  const k = Number(cid.slice(2)) - hot.idBase;
  if (k < 0 || k >= hot.recvT.length) return;
  if (hot.recvT[k] !== 0) {
    hot.duplicates++;
    return;
  }
  hot.recvT[k] = performance.now();
  hot.received++;
}

/** A visitor socket's event frame: Parley echoes the visitor's own message to all their tabs. */
function onVisitorFrame(frame) {
  eventArgs(frame);
  hot.echoes++;
}

/** The ack of a measured send (`43/visitor,<ACK_BASE+k>[{ok,...}]`). */
function onVisitorAck(id, frame, jsonStart) {
  const k = id - hot.ackBase;
  const res = JSON.parse(frame.slice(jsonStart))[0];
  if (k < 0 || k >= hot.ackT.length) return;
  if (hot.ackT[k] === 0) {
    hot.ackT[k] = performance.now();
    hot.acked++;
  }
  if (!res || res.ok !== true) {
    const code = res?.error?.code ?? 'UNKNOWN';
    hot.ackErrors[code] = (hot.ackErrors[code] ?? 0) + 1;
  }
}

// ---------------------------------------------------------------- chat setup per target

async function setupRelayChats(target, { chats }) {
  const url = (c) => socketUrl(target.url, { pair: c });
  const idx = [...Array(chats).keys()];
  const visitors = await pool(idx, 64, (c) =>
    connect(url(c), { nsp: '/visitor', auth: { token: `relay-${c}` }, onAck: onVisitorAck }),
  );
  const agents = await pool(idx, 64, (c) => connect(url(c), { nsp: '/agent' }));
  return {
    visitors,
    agentSockets: agents,
    conversationIds: idx.map((c) => `relay-${c}`),
    connections: visitors.length + agents.length,
    topology: `${chats} visitor + ${chats} agent sockets, paired 1:1`,
  };
}

/**
 * Real Parley sessions: `agents` agents created by the admin through the API, signed in,
 * Online, one socket each; `chats` visitors with a widget session and a socket, each starting a
 * conversation that an agent accepts (agent i takes chats i, i+agents, ...). To hold as many
 * connections as the relay (2 per chat), a spare agent with no chats opens the remaining
 * `chats - agents` sockets: an agent's every socket receives all of that agent's chats, so
 * giving the working agents more sockets would multiply the deliveries per message instead.
 *
 * On a cluster (`target.nodes`: one socket endpoint per node) agent i's socket is on node
 * i mod N and every chat's visitor socket on another node than its agent's: the measured path
 * is always cross-node. Where routing gave a chat to an agent on the visitor's node, the
 * visitor opens a second socket (tab) on another node and closes the first before the load.
 */
async function setupParleyChats(target, { chats, agents: nAgents }) {
  const base = target.url;
  const ends = target.nodes ?? [{ name: 'n1', url: base, cookie: null }];
  const N = ends.length;
  const cookies = (...cs) => cs.filter(Boolean).join('; ') || undefined;
  const t0 = performance.now();
  const admin = await login(base, target.admin.email, target.admin.password);
  const make = async (i, status) => {
    const email = `agent${i}@bench.example.com`;
    await api(base, 'POST', '/api/v1/agents', {
      body: { email, name: `Bench Agent ${i}`, password: PASSWORD, role: 'agent' },
      cookie: admin.cookie,
      csrf: admin.csrf,
    });
    const s = await login(base, email, PASSWORD);
    if (status) {
      await api(base, 'PUT', '/api/v1/agents/me/status', {
        body: { status },
        cookie: s.cookie,
        csrf: s.csrf,
      });
    }
    return s;
  };
  const spareCount = Math.max(0, chats - nAgents);
  // argon2 runs on libuv's 4 threads: more parallel logins only queue.
  const made = await pool([...Array(nAgents + (spareCount > 0 ? 1 : 0)).keys()], 4, (i) =>
    i < nAgents ? make(i, 'online') : make('spare', null),
  );
  const accounts = made.slice(0, nAgents);
  const spare = spareCount > 0 ? made[nAgents] : null;
  const agentsMs = performance.now() - t0;
  const agentIndex = new Map(accounts.map((a, i) => [a.agent.id, i]));

  const agentNode = (a) => a % N;
  const agentSocket = (s, node) =>
    connect(socketUrl(ends[node].url), {
      nsp: '/agent',
      headers: { Cookie: cookies(ends[node].cookie, s.cookie), Origin: base },
    });
  const agentConns = await pool(accounts, 16, (s, a) => agentSocket(s, agentNode(a)));

  const t1 = performance.now();
  const idx = [...Array(chats).keys()];
  const tokens = await pool(idx, 16, async () => {
    const { json } = await api(base, 'POST', '/api/v1/widget/sessions', {
      body: { siteKey: target.siteKey },
    });
    return json.token;
  });
  const visitorSocket = (c, node) =>
    connect(socketUrl(ends[node].url, { pair: c }), {
      nsp: '/visitor',
      auth: { token: tokens[c] },
      onAck: onVisitorAck,
      headers: ends[node].cookie ? { Cookie: ends[node].cookie } : undefined,
    });
  // Another node than the agent chat c is meant for (c mod agents), spread over the others.
  const otherNode = (c, node) => (N === 1 ? 0 : (node + 1 + (Math.floor(c / N) % (N - 1))) % N);
  const visitorNode = idx.map((c) => otherNode(c, agentNode(c % nAgents)));
  const visitors = await pool(idx, 64, (c) => visitorSocket(c, visitorNode[c]));

  // Start every chat and have an agent accept it (the queue is offered to every agent).
  const conversationIds = new Array(chats);
  const owner = new Array(chats);
  const startMs = [];
  const acceptMs = [];
  // Fewer in flight on PostgreSQL: with 16, an accept sometimes never got its ack (see
  // docs/performance.md); the setup is not what is measured.
  const inFlight = target.dialect === 'postgres' ? 4 : 16;
  await pool(idx, inFlight, async (c) => {
    const ts = performance.now();
    const r = await visitors[c].request('conversation:start', {}, SETUP_TIMEOUT_MS);
    startMs.push(performance.now() - ts);
    if (!r.ok) throw new Error(`conversation:start refused: ${JSON.stringify(r.error)}`);
    const conv = r.data.conversation;
    conversationIds[c] = conv.id;
    for (let attempt = 0; attempt < Math.min(nAgents, 5); attempt++) {
      // Routing may already have given it to someone: find out who before accepting.
      const cur =
        attempt === 0
          ? { ok: true, data: { conversation: conv } }
          : await visitors[c].request('conversation:current', {}, SETUP_TIMEOUT_MS);
      const curConv = cur.ok ? cur.data.conversation : null;
      if (curConv?.status === 'active' && curConv.agent && agentIndex.has(curConv.agent.id)) {
        owner[c] = agentIndex.get(curConv.agent.id);
        return;
      }
      const a = (c + attempt) % nAgents;
      const ta = performance.now();
      const ar = await agentConns[a].request(
        'conversation:accept',
        { conversationId: conv.id },
        SETUP_TIMEOUT_MS,
      );
      acceptMs.push(performance.now() - ta);
      if (ar.ok) {
        owner[c] = a;
        return;
      }
    }
    throw new Error(`chat ${c} (${conv.id}) could not be accepted by any bench agent`);
  });
  const chatsMs = performance.now() - t1;

  // Cross-node on a cluster: a chat routed to an agent on its visitor's node moves its visitor.
  let moved = 0;
  if (N > 1) {
    await pool(idx, 16, async (c) => {
      const node = agentNode(owner[c]);
      if (visitorNode[c] !== node) return;
      const to = otherNode(c, node);
      const next = await visitorSocket(c, to);
      visitors[c].close();
      visitors[c] = next;
      visitorNode[c] = to;
      moved++;
    });
  }

  // Spare sockets last: they join the all-agents room, which every queued chat is told about.
  const spareConns = spare
    ? await pool([...Array(spareCount).keys()], 64, (_, i) => agentSocket(spare, i % N))
    : [];
  const perAgent = new Array(nAgents).fill(0);
  for (const o of owner) perAgent[o]++;
  const placement =
    N > 1
      ? {
          nodes: ends.map((e) => e.name),
          visitorsPerNode: ends.map((_, n) => visitorNode.filter((v) => v === n).length),
          agentsPerNode: ends.map((_, n) => accounts.filter((_a, a) => agentNode(a) === n).length),
          crossNodeChats: idx.filter((c) => visitorNode[c] !== agentNode(owner[c])).length,
          visitorsMoved: moved,
        }
      : null;
  if (placement && placement.crossNodeChats !== chats) {
    throw new Error(`only ${placement.crossNodeChats} of ${chats} chats are cross-node`);
  }
  return {
    visitors,
    agentSockets: [...agentConns, ...spareConns],
    conversationIds,
    connections: visitors.length + agentConns.length + spareConns.length,
    placement,
    topology:
      `${chats} visitor sockets; ${nAgents} agents x 1 socket carrying ` +
      `${Math.min(...perAgent)}-${Math.max(...perAgent)} chats each; ` +
      `${spareConns.length} idle sockets of a spare agent with no chats` +
      (placement
        ? `; ${N} nodes: visitors ${placement.visitorsPerNode.join('/')}, agents ` +
          `${placement.agentsPerNode.join('/')}, ${placement.crossNodeChats} of ${chats} chats ` +
          `cross-node`
        : ''),
    setupMs: {
      agents: Math.round(agentsMs),
      chats: Math.round(chatsMs),
      startP50: round(percentiles(startMs, { p: 0.5 }).p, 1),
      startMax: round(Math.max(...startMs), 1),
      acceptP50: round(percentiles(acceptMs, { p: 0.5 }).p, 1),
      acceptMax: round(Math.max(...acceptMs), 1),
    },
  };
}

// ---------------------------------------------------------------- the target's processes

/** The server processes: one, or every node of a cluster. */
const serverPids = (target) => target.pids ?? [target.pid];
/** Processes started for the target besides the servers (a cluster's Redis and balancer). */
const helperPids = (target) =>
  Object.fromEntries(Object.entries(target.helperPids ?? {}).filter(([, pid]) => pid));
const allPids = (target) => [...serverPids(target), ...Object.values(helperPids(target))];
/** CPU ms of a set of processes (what is gone counts 0). */
const sumCpuMs = (pids) => pids.reduce((a, pid) => a + (cpuMs(pid) ?? 0), 0);

// ---------------------------------------------------------------- a quiet machine

/**
 * Cores used by everything except the target and this process over `ms`: other people's
 * builds and tests share this machine. Waits (up to `maxWaitS`) until that is below
 * `threshold`, so the measured window is not spent fighting them. Returns what it saw.
 */
async function waitQuiet(pids, maxWaitS, threshold = 0.25, ms = 1000) {
  const t0 = performance.now();
  let others = null;
  for (;;) {
    const a = { sys: systemCpu(), target: sumCpuMs(pids), self: process.cpuUsage() };
    await sleep(ms);
    const self = process.cpuUsage(a.self);
    const busy = systemCpu().busyMs - a.sys.busyMs;
    others = (busy - (sumCpuMs(pids) - a.target) - (self.user + self.system) / 1000) / ms;
    const waited = (performance.now() - t0) / 1000;
    if (others < threshold || waited >= maxWaitS) {
      return { othersCores: round(Math.max(0, others), 2), waitedS: round(waited, 1) };
    }
  }
}

// ---------------------------------------------------------------- scenarios

/** Open-loop load: `rate` msg/s round-robin over the chats, warm-up then a measured window. */
async function chatScenario(target, p) {
  const t0 = performance.now();
  const setup =
    target.kind === 'relay' ? await setupRelayChats(target, p) : await setupParleyChats(target, p);
  const setupMs = Math.round(performance.now() - t0);
  const { visitors, agentSockets } = setup;
  for (const v of visitors) {
    v.onEvent = onVisitorFrame;
    v.onClose = () => hot.disconnects++;
  }
  for (const a of agentSockets) {
    a.onEvent = onAgentFrame;
    a.onClose = () => hot.disconnects++;
  }
  // Let setup traffic (queue broadcasts, system messages, handshakes) drain.
  await sleep(p.settleMs);

  // The cores are shared: when something else took a real share of them during the window,
  // drain, wait for quiet and measure again on the same chats (up to p.attempts times); the
  // attempt with the least foreign load is reported, and every attempt's figures are kept.
  const attempts = [];
  for (let attempt = 0; attempt < Math.max(1, p.attempts ?? 1); attempt++) {
    if (attempt > 0) await waitDrained(allPids(target));
    const quiet = p.quietWaitS > 0 ? await waitQuiet(allPids(target), p.quietWaitS) : null;
    const r = await loadPhase(target, p, setup, attempt);
    r.quietBeforeLoad = quiet;
    r.setupMs = setupMs;
    attempts.push(r);
    log(
      `${target.name}: attempt ${attempt + 1}: others ${r.otherCores} cores, p99 ${r.latencyMs.p99} ms`,
    );
    if (r.otherCores <= OTHERS_LIMIT) break;
  }
  const best = attempts.reduce((a, b) => (b.otherCores < a.otherCores ? b : a));
  best.attempts = attempts.map((a) => ({
    otherCores: a.otherCores,
    p50: a.latencyMs.p50,
    p99: a.latencyMs.p99,
    cpuPerMsgUs: a.cpuPerMsgUs,
    lost: a.lost,
  }));
  for (const sock of [...visitors, ...agentSockets]) sock.close();
  return best;
}

/** Foreign load (cores) above which a measured window is repeated. */
const OTHERS_LIMIT = 0.3;

/** Waits (bounded) until the target is idle again, e.g. after an overloaded window. */
async function waitDrained(pids, maxWaitS = 60) {
  const t0 = performance.now();
  for (;;) {
    const a = sumCpuMs(pids);
    await sleep(1000);
    if (sumCpuMs(pids) - a < 200 || performance.now() - t0 > maxWaitS * 1000) return;
  }
}

/** One measured run over an established set of chats. */
async function loadPhase(target, p, setup, attempt) {
  const { visitors, conversationIds } = setup;
  const idBase = CLIENT_ID_BASE + attempt * 10_000_000;
  hot.received = 0;
  hot.duplicates = 0;
  hot.acked = 0;
  hot.ackErrors = {};
  hot.echoes = 0;
  hot.otherFrames = 0;
  hot.idBase = idBase;
  hot.ackBase = ACK_BASE + attempt * 10_000_000;
  const C = visitors.length;
  const warmN = Math.round(p.rate * p.warmupS);
  const measN = Math.round(p.rate * p.measureS);
  const total = warmN + measN;
  hot.sendT = new Float64Array(total);
  hot.recvT = new Float64Array(total);
  hot.ackT = new Float64Array(total);
  const isPg = target.dialect === 'postgres';
  const pids = serverPids(target);
  const helpers = helperPids(target);
  const helperCpu = () =>
    Object.fromEntries(Object.entries(helpers).map(([k, v]) => [k, cpuMs(v)]));
  let win = null;

  // Target CPU: getrusage in the target (over IPC, microseconds), with /proc ticks as a check.
  const targetCpu = () => rpc({ cmd: 'cpu' }).then((r) => (r.ok ? r : null));
  const markStart = () => {
    win = {
      t: performance.now(),
      cpuP: targetCpu(),
      cpu: sumCpuMs(pids),
      helpers: helperCpu(),
      db: isPg ? cpuSnapshot(pidsByComm('postgres')) : null,
      self: process.cpuUsage(),
      sys: systemCpu(),
      received: hot.received,
    };
    windowMark('start');
  };
  const markEnd = () => {
    win.end = {
      t: performance.now(),
      cpuP: targetCpu(),
      cpu: sumCpuMs(pids),
      helpers: helperCpu(),
      db: isPg ? cpuSnapshot(pidsByComm('postgres')) : null,
      self: process.cpuUsage(win.self),
      sys: systemCpu(),
      received: hot.received,
    };
    windowMark('end');
  };

  // How far the load generator fell behind its schedule (it shares the cores with the target).
  let maxLag = 0;
  let lateSends = 0;
  await new Promise((resolve) => {
    const start = performance.now();
    let k = 0;
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * p.rate) / 1000) + 1);
      while (k < due) {
        if (k === warmN) markStart();
        const c = k % C;
        const frame =
          `42/visitor,${hot.ackBase + k}` +
          JSON.stringify([
            'message:send',
            {
              conversationId: conversationIds[c],
              clientId: `bm${idBase + k}`,
              body: `${BODY} #${k}`,
            },
          ]);
        const now = performance.now();
        hot.sendT[k] = now;
        if (k >= warmN) {
          const lag = now - (start + (k * 1000) / p.rate);
          if (lag > maxLag) maxLag = lag;
          if (lag > 5) lateSends++;
        }
        visitors[c].sendRaw(frame);
        k++;
      }
      if (k < total) setTimeout(tick, 1);
      else {
        markEnd();
        resolve();
      }
    };
    tick();
  });

  // Grace: wait for the stragglers of the measured window (bounded).
  const expectAcks = target.kind === 'parley';
  const graceEnd = performance.now() + p.graceS * 1000;
  const measuredReceived = () => {
    let n = 0;
    for (let k = warmN; k < total; k++) if (hot.recvT[k] !== 0) n++;
    return n;
  };
  while (performance.now() < graceEnd) {
    if (hot.received >= total && (!expectAcks || hot.acked >= total)) break;
    await sleep(20);
  }

  const lat = [];
  const ackLat = [];
  let over1s = 0;
  for (let k = warmN; k < total; k++) {
    if (hot.recvT[k] !== 0) {
      lat.push(hot.recvT[k] - hot.sendT[k]);
      if (hot.recvT[k] - hot.sendT[k] > 1000) over1s++;
    }
    if (hot.ackT[k] !== 0) ackLat.push(hot.ackT[k] - hot.sendT[k]);
  }
  const delivered = measuredReceived();
  const windowS = (win.end.t - win.t) / 1000;
  const procCpuMs = win.end.cpu - win.cpu;
  const [cpuA, cpuB] = await Promise.all([win.cpuP, win.end.cpuP]);
  const serverCpuMs = cpuA && cpuB ? (cpuB.cpuUs - cpuA.cpuUs) / 1000 : procCpuMs;
  const elu =
    cpuA && cpuB
      ? (cpuB.elu.active - cpuA.elu.active) /
        (cpuB.elu.active + cpuB.elu.idle - cpuA.elu.active - cpuA.elu.idle)
      : null;
  const dbCpuMs = isPg ? cpuDelta(win.db, win.end.db) : 0;
  // A cluster's Redis and balancer: part of the cost of a message, reported apart.
  const helperMs = Object.fromEntries(
    Object.keys(helpers).map((k) => [k, (win.end.helpers[k] ?? 0) - (win.helpers[k] ?? 0)]),
  );
  const helpersCpuMs = Object.values(helperMs).reduce((a, b) => a + b, 0);
  const perNode =
    cpuA?.nodes && cpuB?.nodes
      ? cpuA.nodes.map((a, i) => {
          const b = cpuB.nodes[i];
          return {
            cores: round((b.cpuUs - a.cpuUs) / 1e6 / windowS, 3),
            elu: round(
              (b.elu.active - a.elu.active) /
                (b.elu.active + b.elu.idle - a.elu.active - a.elu.idle),
              3,
            ),
          };
        })
      : null;
  const selfCpuMs = (win.end.self.user + win.end.self.system) / 1000;
  const sysBusyMs = win.end.sys.busyMs - win.sys.busyMs;
  // What else ran on the machine meanwhile (other users' tests, builds): a noisy-run flag.
  const otherCores =
    (sysBusyMs - serverCpuMs - dbCpuMs - helpersCpuMs - selfCpuMs) / 1000 / windowS;
  const pct = percentiles(lat, { p50: 0.5, p90: 0.9, p99: 0.99, p999: 0.999, max: 1 });
  const ackPct = percentiles(ackLat, { p50: 0.5, p99: 0.99 });
  const result = {
    target: target.name,
    nodes: pids.length,
    topology: setup.topology,
    placement: setup.placement ?? null,
    connections: setup.connections,
    chats: C,
    rateTarget: p.rate,
    warmupS: p.warmupS,
    measureS: p.measureS,
    sent: measN,
    delivered,
    lost: measN - delivered,
    lossRate: round((measN - delivered) / measN, 6),
    /** Delivered, but more than a second after the send: a backlog, not a loss (yet). */
    deliveredAfter1s: over1s,
    achievedRate: round(measN / windowS, 1),
    deliveredRate: round((win.end.received - win.received) / windowS, 1),
    latencyMs: Object.fromEntries(Object.entries(pct).map(([k, v]) => [k, round(v, 3)])),
    ackLatencyMs: expectAcks
      ? Object.fromEntries(Object.entries(ackPct).map(([k, v]) => [k, round(v, 3)]))
      : null,
    acked: expectAcks ? ackLat.length : null,
    ackErrors: hot.ackErrors,
    duplicates: hot.duplicates,
    echoes: hot.echoes,
    disconnects: hot.disconnects,
    serverCpuMs: round(serverCpuMs, 1),
    serverCpuProcMs: round(procCpuMs, 1),
    serverCores: round(serverCpuMs / 1000 / windowS, 3),
    serverEventLoopUtilization: round(elu, 3),
    dbCpuMs: isPg ? round(dbCpuMs, 1) : null,
    redisCpuMs: 'redis' in helperMs ? round(helperMs.redis, 1) : null,
    balancerCpuMs: 'balancer' in helperMs ? round(helperMs.balancer, 1) : null,
    perNode,
    cpuPerMsgUs:
      delivered > 0 ? round(((serverCpuMs + dbCpuMs + helpersCpuMs) * 1000) / delivered, 1) : null,
    sendLagMaxMs: round(maxLag, 2),
    lateSends,
    loadgenCpuPerMsgUs: delivered > 0 ? round((selfCpuMs * 1000) / delivered, 1) : null,
    loadgenCores: round(selfCpuMs / 1000 / windowS, 3),
    machineBusyCores: round(sysBusyMs / 1000 / windowS, 3),
    otherCores: round(Math.max(0, otherCores), 3),
    iowaitCores: round((win.end.sys.iowaitMs - win.sys.iowaitMs) / 1000 / windowS, 3),
    serverRssBytes: pids.reduce((a, pid) => a + (rssBytes(pid) ?? 0), 0),
    setupDetailMs: setup.setupMs ?? null,
    attempt: attempt + 1,
  };
  return result;
}

/**
 * The page-view event stream each page keeps open (GET /api/v1/widget/live, which also records
 * a page view), for the given visitors: RSS per open stream after a forced GC, and how fast
 * they open.
 */
async function pageStreams(target, tokens, settleMs) {
  await sleep(settleMs);
  const before = (await rpc({ cmd: 'gc' })).memory;
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const requests = [];
  const t0 = performance.now();
  let opened = 0;
  await pool(
    tokens,
    64,
    (token, i) =>
      new Promise((resolve, reject) => {
        const q = new URLSearchParams({
          t: token,
          pv: `bench-pv-${i}-${Math.random().toString(36).slice(2, 10)}`,
          url: `https://shop.example/products/${i % 50}`,
          title: `Product ${i % 50}`,
          lang: 'en-US',
          tz: 'Europe/Berlin',
        });
        const req = http.get(`${target.url}/api/v1/widget/live?${q}`, { agent }, (res) => {
          res.setEncoding('utf8');
          let buffer = '';
          const onData = (chunk) => {
            buffer += chunk;
            if (!buffer.includes('event: ready')) return;
            res.off('data', onData);
            res.resume();
            opened++;
            resolve();
          };
          res.on('data', onData);
        });
        req.setTimeout(60_000, () => reject(new Error('page stream timed out')));
        req.on('error', reject);
        requests.push(req);
      }),
  );
  const openMs = performance.now() - t0;
  await sleep(settleMs);
  const after = (await rpc({ cmd: 'gc' })).memory;
  for (const r of requests) r.destroy();
  agent.destroy();
  return {
    visitors: tokens.length,
    opened,
    rssPerStreamBytes: Math.round((after.rss - before.rss) / tokens.length),
    heapPerStreamBytes: Math.round((after.heapUsed - before.heapUsed) / tokens.length),
    pageViewsPerS: round(tokens.length / (openMs / 1000), 1),
  };
}

/**
 * Idle visitors: N widget sessions (+ the widget config a page view loads), then N sockets
 * connected to /visitor that send nothing. Memory is read after a forced GC in the target,
 * before and after the sockets connect.
 */
async function idleScenario(target, p) {
  const N = p.visitors;
  const isParley = target.kind === 'parley';
  const url = socketUrl(target.url);
  const fresh = (await rpc({ cmd: 'gc' })).memory;
  const t0 = performance.now();
  let tokens;
  if (isParley) {
    tokens = await pool([...Array(N).keys()], 16, async () => {
      const { json } = await api(target.url, 'POST', '/api/v1/widget/sessions', {
        body: { siteKey: target.siteKey },
      });
      // A page loads the widget config. The page-view stream (GET /api/v1/widget/live) each
      // page also keeps open is not opened here: the figure is the chat socket's alone.
      await api(target.url, 'GET', `/api/v1/widget/config?siteKey=${target.siteKey}`);
      return json.token;
    });
  } else {
    // Same length as a real token (32 random bytes, base64url), so the frames are alike.
    tokens = Array.from({ length: N }, (_, i) => `relay-idle-${i}`.padEnd(43, 'x'));
  }
  const sessionsMs = performance.now() - t0;
  const open = (token) => connect(url, { nsp: '/visitor', auth: { token }, timeoutMs: 60_000 });

  // Warm the connection path (JIT, pools) with 1% of the visitors, then drop those sockets.
  const warm = await pool(tokens.slice(0, Math.max(10, Math.round(N / 100))), 32, open);
  for (const c of warm) c.close();
  await sleep(p.settleMs);
  const before = (await rpc({ cmd: 'gc' })).memory;

  const t1 = performance.now();
  const conns = await pool(tokens, 100, open);
  const connectMs = performance.now() - t1;
  let closed = 0;
  for (const c of conns) c.onClose = () => closed++;
  await sleep(p.settleMs);
  const after = (await rpc({ cmd: 'gc' })).memory;
  const stillOpen = conns.filter((c) => !c.closed).length;
  const closedDuringSettle = closed;
  // With the sockets still open (memory they would free on closing would hide the streams'),
  // half of the visitors also open the page stream: within the file-descriptor budget.
  const streams = isParley
    ? await pageStreams(target, tokens.slice(0, Math.ceil(N / 2)), p.settleMs)
    : null;
  for (const c of conns) c.close();
  return {
    target: target.name,
    visitors: N,
    connected: stillOpen,
    closedDuringSettle,
    rssFreshBytes: fresh.rss,
    rssBeforeBytes: before.rss,
    rssAfterBytes: after.rss,
    rssPerConnBytes: Math.round((after.rss - before.rss) / N),
    heapPerConnBytes: Math.round((after.heapUsed - before.heapUsed) / N),
    externalPerConnBytes: Math.round((after.external - before.external) / N),
    sessionsPerS: isParley ? round(N / (sessionsMs / 1000), 1) : null,
    connectsPerS: round(N / (connectMs / 1000), 1),
    pageView: isParley
      ? 'POST /api/v1/widget/sessions + GET /api/v1/widget/config; the page-view stream measured apart'
      : null,
    pageStreams: streams,
  };
}

const scenarios = { chat: chatScenario, idle: idleScenario };

process.on('message', async (msg) => {
  if (msg?.type === 'rpc-reply') {
    const cb = rpcPending.get(msg.id);
    if (cb) {
      rpcPending.delete(msg.id);
      cb(msg.res);
    }
    return;
  }
  if (msg?.type !== 'run') return;
  try {
    const result = await scenarios[msg.scenario](msg.target, msg.params);
    process.send({ type: 'result', result }, () => process.exit(0));
  } catch (err) {
    process.send({ type: 'error', message: err?.stack ?? String(err) }, () => process.exit(1));
  }
});
process.on('disconnect', () => process.exit(0));
log('loadgen ready');
