// The flood scenario (--only=flood; not in the default set): one visitor sends 2,000 messages
// at 1,000 a second, 32 unanswered at most, while an agent chats with other visitors, on a
// server with the default visitor limits. Reports the agent's round trip (send -> ack -> the visitor has it), p50 and p99, quiet
// and during the flood, and what the flooder was answered. Runs in the bench process, with
// bench/lib/sio.mjs (the same lean client as the load generator).
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { connect, eventArgs, pool, socketUrl } from './lib/sio.mjs';
import { percentiles, round } from './lib/stats.mjs';

async function api(base, method, p, { body, cookie, csrf } = {}) {
  const headers = { origin: base, 'content-type': 'application/json' };
  if (cookie) headers.cookie = cookie;
  if (csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch(base + p, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const json = await res.json().catch(() => null);
  if (!res.ok) throw new Error(`${method} ${p} -> ${res.status} ${JSON.stringify(json)}`);
  return { res, json };
}

async function visitorChat(target) {
  const { json } = await api(target.url, 'POST', '/api/v1/widget/sessions', {
    body: { siteKey: target.siteKey },
  });
  const conn = await connect(socketUrl(target.url), {
    nsp: '/visitor',
    auth: { token: json.token },
  });
  const r = await conn.request('conversation:start', {});
  if (!r.ok) throw new Error(`conversation:start refused: ${JSON.stringify(r.error)}`);
  return { conn, conversationId: r.data.conversation.id };
}

/** Round trips of the agent's messages, one chat after another, until `until()` is false. */
async function agentRoundTrips(agent, chats, until, minSamples) {
  const samples = [];
  for (let i = 0; until() || samples.length < minSamples; i++) {
    const chat = chats[i % chats.length];
    const body = `ping ${i} ${Math.random().toString(36).slice(2)}`;
    const t0 = performance.now();
    const shown = new Promise((resolve) => (chat.waiting = { body, resolve }));
    const ack = await agent.request('message:send', {
      conversationId: chat.conversationId,
      clientId: `agent-${i}-${Math.round(t0 * 1000)}`,
      body,
    });
    if (!ack.ok) throw new Error(`agent send refused: ${JSON.stringify(ack.error)}`);
    await shown;
    samples.push(performance.now() - t0);
  }
  return samples;
}

/**
 * One visitor sending `attempts` messages at `perSecond` (0: as fast as answers come back),
 * with at most `inFlight` unanswered.
 */
async function flood(chat, { attempts, inFlight, perSecond }) {
  const answered = { ok: 0 };
  let next = 0;
  const t0 = performance.now();
  await pool([...Array(inFlight).keys()], inFlight, async () => {
    while (next < attempts) {
      const n = next++;
      const due = perSecond > 0 ? t0 + (n * 1000) / perSecond - performance.now() : 0;
      if (due > 0) await sleep(due);
      const r = await chat.conn.request('message:send', {
        conversationId: chat.conversationId,
        clientId: `flood-${String(n).padStart(6, '0')}`,
        body: 'flood',
      });
      const key = r.ok ? 'ok' : r.error.code;
      answered[key] = (answered[key] ?? 0) + 1;
    }
  });
  return { answered, sendsPerS: round(attempts / ((performance.now() - t0) / 1000), 0) };
}

const summary = (xs) => {
  const p = percentiles(xs, { p50: 0.5, p99: 0.99 });
  return { samples: xs.length, p50: round(p.p50, 2), p99: round(p.p99, 2) };
};

export async function floodScenario(target, p) {
  const { chats: nChats, attempts, inFlight, perSecond, quietSamples } = p;
  const { res } = await api(target.url, 'POST', '/api/v1/auth/login', {
    body: { email: target.admin.email, password: target.admin.password },
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith('parley_session='))
    ?.split(';')[0];
  const agent = await connect(socketUrl(target.url), {
    nsp: '/agent',
    headers: { Cookie: cookie, Origin: target.url },
  });
  const chats = await pool([...Array(nChats).keys()], 8, () => visitorChat(target));
  for (const chat of chats) {
    const a = await agent.request('conversation:accept', { conversationId: chat.conversationId });
    if (!a.ok) throw new Error(`conversation:accept refused: ${JSON.stringify(a.error)}`);
    chat.conn.onEvent = (frame) => {
      const args = eventArgs(frame);
      if (args?.[0] === 'message:new' && args[1]?.body === chat.waiting?.body) {
        chat.waiting.resolve();
        chat.waiting = null;
      }
    };
  }
  const flooder = await visitorChat(target);

  const quiet = await agentRoundTrips(agent, chats, () => false, quietSamples);
  let flooding = true;
  const flooded = flood(flooder, p).finally(() => (flooding = false));
  const during = await agentRoundTrips(agent, chats, () => flooding, 50);
  const outcome = await flooded;
  for (const c of [...chats, flooder]) c.conn.close();
  agent.close();
  const q = summary(quiet);
  const f = summary(during);
  return {
    quietMs: q,
    floodMs: f,
    p99Ratio: round(f.p99 / q.p99, 2),
    flooder: { attempts, inFlight, perSecond, ...outcome },
  };
}
