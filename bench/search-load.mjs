// Fills a migrated Parley database (SQLite file or PostgreSQL URL) with the search scenario's
// history: chats of returning and new visitors over two years, on several sites, departments
// and agents, most closed and rated, each with its messages in one language. Rows go in through
// the real schema with its triggers and indexes in place (bulk, many rows per statement and
// transaction), so the search index is maintained as in production: on SQLite by the message
// trigger, on PostgreSQL by the GIN expression index.
import { randomFillSync } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { APP_ROOT } from './lib/targets.mjs';
import { corpus } from './search-corpus.mjs';

const DAY = 86_400_000;
const SPAN_DAYS = 730;
const EXTRA_SITES = 4;
const DEPARTMENTS = ['Sales', 'Support', 'Billing'];
const AGENTS = 20;

let idPool = Buffer.alloc(0);
let idAt = 0;
/** A time-ordered id in the server's layout (UUIDv7), random bytes from a pooled buffer. */
function id(ms) {
  if (idAt + 16 > idPool.length) {
    idPool = randomFillSync(Buffer.alloc(16 * 4096));
    idAt = 0;
  }
  const b = Buffer.from(idPool.subarray(idAt, (idAt += 16)));
  b.writeUIntBE(Math.floor(ms), 0, 6);
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Column names and PostgreSQL array types of every table the loader writes. */
const TABLES = {
  sites: {
    id: 'text',
    key: 'text',
    name: 'text',
    greeting: 'text',
    accent_color: 'text',
    created_at: 'int8',
  },
  departments: { id: 'text', name: 'text', created_at: 'int8' },
  site_departments: { site_id: 'text', department_id: 'text', position: 'int4' },
  agents: {
    id: 'text',
    email: 'text',
    name: 'text',
    password_hash: 'text',
    role: 'text',
    created_at: 'int8',
  },
  visitors: {
    id: 'text',
    site_id: 'text',
    token_hash: 'text',
    code: 'text',
    name: 'text',
    email: 'text',
    language: 'text',
    created_at: 'int8',
    last_seen_at: 'int8',
  },
  conversations: {
    id: 'text',
    site_id: 'text',
    visitor_id: 'text',
    status: 'text',
    assignee_id: 'text',
    department_id: 'text',
    last_seq: 'int4',
    last_public_seq: 'int4',
    last_message_body: 'text',
    last_message_author: 'text',
    last_message_at: 'int8',
    created_at: 'int8',
    queued_at: 'int8',
    accepted_at: 'int8',
    closed_at: 'int8',
    closed_by: 'text',
    rating: 'text',
    rated_at: 'int8',
  },
  participants: { conversation_id: 'text', agent_id: 'text', joined_at: 'int8', left_at: 'int8' },
  messages: {
    id: 'text',
    conversation_id: 'text',
    seq: 'int4',
    public_seq: 'int4',
    client_id: 'text',
    author_type: 'text',
    author_id: 'text',
    author_name: 'text',
    body: 'text',
    visibility: 'text',
    created_at: 'int8',
  },
};

/** Rows per PostgreSQL statement / SQLite transaction. */
const CHUNK = 5000;

function sqliteSink(file) {
  const require = createRequire(path.join(APP_ROOT, 'apps/server/package.json'));
  const Database = require('better-sqlite3');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const stmts = {};
  for (const [t, cols] of Object.entries(TABLES)) {
    const names = Object.keys(cols);
    stmts[t] = db.prepare(
      `INSERT INTO ${t} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`,
    );
  }
  return {
    query: (q) => db.prepare(q).all(),
    async write(batches) {
      db.transaction(() => {
        for (const [t, rows] of batches) for (const r of rows) stmts[t].run(r);
      })();
    },
    async exec(q) {
      db.exec(q);
    },
    async close() {
      db.close();
    },
  };
}

async function pgSink(url) {
  const require = createRequire(path.join(APP_ROOT, 'apps/server/package.json'));
  const pg = require('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const insert = async (t, rows) => {
    const cols = Object.entries(TABLES[t]);
    const arrays = cols.map((_, i) => rows.map((r) => r[i]));
    const casts = cols.map(([, type], i) => `$${i + 1}::${type}[]`);
    await client.query(
      `INSERT INTO ${t} (${cols.map(([n]) => n).join(', ')}) SELECT * FROM unnest(${casts.join(', ')})`,
      arrays,
    );
  };
  return {
    query: async (q) => (await client.query(q)).rows,
    async write(batches) {
      await client.query('BEGIN');
      for (const [t, rows] of batches) {
        for (let i = 0; i < rows.length; i += CHUNK) await insert(t, rows.slice(i, i + CHUNK));
      }
      await client.query('COMMIT');
    },
    async exec(q) {
      await client.query(q);
    },
    async close() {
      await client.end();
    },
  };
}

/** Sites, departments and agents beside the bootstrapped admin and demo site. */
async function staff(sink, now) {
  const [site] = await sink.query('SELECT id FROM sites ORDER BY created_at LIMIT 1');
  const [admin] = await sink.query("SELECT id, name FROM agents WHERE role = 'admin' LIMIT 1");
  const sites = [site.id];
  const rows = { sites: [], departments: [], site_departments: [], agents: [] };
  for (let i = 0; i < EXTRA_SITES; i++) {
    const sid = id(now);
    sites.push(sid);
    rows.sites.push([
      sid,
      `site_bench${i}_${sid.slice(-8)}`,
      `Shop ${i + 1}`,
      'Hello!',
      '#1c7ed6',
      now,
    ]);
  }
  const departments = DEPARTMENTS.map((name, i) => {
    const did = id(now);
    rows.departments.push([did, name, now]);
    sites.forEach((s) => rows.site_departments.push([s, did, i]));
    return did;
  });
  const agents = [{ id: admin.id, name: admin.name }];
  for (let i = 0; i < AGENTS; i++) {
    const a = { id: id(now), name: `Agent ${i + 1}` };
    agents.push(a);
    // Never signs in: the hash is no password's.
    rows.agents.push([a.id, `agent${i + 1}@bench.example`, a.name, 'x', 'agent', now]);
  }
  await sink.write(Object.entries(rows));
  return { sites, departments, agents };
}

/** Messages per chat: 1 to 60, mean near 10, many short chats and a few long ones. */
function chatLengths(chats, messages, random) {
  const raw = Array.from({ length: chats }, () => -Math.log(1 - random()) * 0.85 + 0.15);
  const sum = raw.reduce((a, b) => a + b, 0);
  const n = raw.map((x) => Math.max(1, Math.min(60, Math.round((x * messages) / sum))));
  let diff = messages - n.reduce((a, b) => a + b, 0);
  while (diff !== 0) {
    const i = Math.floor(random() * chats);
    const step = diff > 0 ? 1 : -1;
    if (n[i] + step >= 1 && n[i] + step <= 60) {
      n[i] += step;
      diff -= step;
    }
  }
  return n;
}

/** One chat with its visitor (new or returning), participant and messages, as rows. */
function chatRows(ctx, i, count, start, out) {
  const { random, now } = ctx;
  const pick = (xs) => xs[Math.floor(random() * xs.length)];
  const siteId = random() < 0.4 ? ctx.staff.sites[0] : pick(ctx.staff.sites.slice(1));
  const visitor = visitorOf(ctx, siteId, i, start, out);
  const open = start > now - ctx.openAfterMs;
  const status = open ? (random() < 0.5 ? 'active' : 'queued') : 'closed';
  // One open chat per visitor and site: a visitor still chatting does not come back meanwhile.
  if (open) ctx.returning.delete(siteId);
  else ctx.returning.set(siteId, visitor);
  const agent = status === 'queued' ? null : pick(ctx.staff.agents);
  const cid = id(start);
  const { seq, publicSeq, at, last } = messageRows(
    ctx,
    { i, count, start, cid, visitor, agent },
    out,
  );
  const closedAt = status === 'closed' ? Math.floor(at + 60_000) : null;
  const r = random();
  const rating = status === 'closed' && r < 0.38 ? (r < 0.3 ? 'good' : 'bad') : null;
  out.conversations.push([
    cid,
    siteId,
    visitor.id,
    status,
    agent?.id ?? null,
    random() < 0.6 ? pick(ctx.staff.departments) : null,
    seq,
    publicSeq,
    last?.body ?? null,
    last?.author ?? null,
    last?.at ?? null,
    start,
    start,
    agent ? start + 20_000 : null,
    closedAt,
    closedAt ? (random() < 0.5 ? 'visitor' : 'agent') : null,
    rating,
    rating ? closedAt : null,
  ]);
  if (agent) out.participants.push([cid, agent.id, start + 20_000, closedAt]);
}

/** The site's returning visitor (one chat in four), or a new one written to `out`. */
function visitorOf(ctx, siteId, i, start, out) {
  const { text, random } = ctx;
  let visitor = ctx.returning.get(siteId);
  if (!visitor || random() > 0.25) {
    const lang = text.language();
    const named = random() < 0.4;
    const name = named ? text.name() : null;
    visitor = { id: id(start), lang, name };
    const email =
      named && random() < 0.8 ? `${plain(name).replace(/\W+/g, '.')}${i}@mail.example` : null;
    out.visitors.push([
      visitor.id,
      siteId,
      visitor.id.replace(/-/g, ''),
      `#${1000 + (i % 9000)}`,
      name,
      email,
      lang,
      start,
      start,
    ]);
  }
  return visitor;
}

/** The chat's messages: the visitor first, then visitor and agent, a few notes and system lines. */
function messageRows(ctx, { i, count, start, cid, visitor, agent }, out) {
  const { text, random } = ctx;
  let seq = 0;
  let publicSeq = 0;
  let at = start;
  let last = null;
  for (let k = 0; k < count; k++) {
    at += 5_000 + random() * 90_000;
    const r = k === 0 || !agent ? 0 : random();
    const author = r < 0.5 ? 'visitor' : r < 0.95 ? 'agent' : r < 0.98 ? 'note' : 'system';
    const body = author === 'system' ? `${agent.name} joined the chat` : text.message(visitor.lang);
    const visibility = author === 'note' ? 'private' : 'public';
    seq += 1;
    if (visibility === 'public') publicSeq += 1;
    const type = author === 'note' ? 'agent' : author;
    const [authorId, authorName] =
      type === 'visitor'
        ? [visitor.id, visitor.name]
        : type === 'agent'
          ? [agent.id, agent.name]
          : [null, null];
    out.messages.push([
      id(at),
      cid,
      seq,
      visibility === 'public' ? publicSeq : null,
      type === 'visitor' ? `c${i}-${k}` : null,
      type,
      authorId,
      authorName,
      body,
      visibility,
      Math.floor(at),
    ]);
    if (visibility === 'public')
      last = { body: body.slice(0, 200), author: type, at: Math.floor(at) };
  }
  return { seq, publicSeq, at, last };
}

const plain = (s) =>
  s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/**
 * Writes `chats` chats holding `messages` messages in all into the database; returns what the
 * queries need (site, agent and department ids, the time range) and how long it took.
 */
export async function loadHistory(
  { sqliteFile, pgUrl, chats, messages, seed = 12 },
  log = () => {},
) {
  const sink = sqliteFile ? sqliteSink(sqliteFile) : await pgSink(pgUrl);
  const started = Date.now();
  try {
    const now = Date.now();
    const text = corpus(seed);
    const ctx = {
      text,
      random: text.random,
      now,
      staff: await staff(sink, now),
      returning: new Map(),
      openAfterMs: DAY / 2,
    };
    const lengths = chatLengths(chats, messages, ctx.random);
    const span = SPAN_DAYS * DAY;
    const empty = () => ({ visitors: [], conversations: [], participants: [], messages: [] });
    let out = empty();
    let written = 0;
    let nextLog = messages / 10;
    for (let i = 0; i < chats; i++) {
      const start = Math.floor(now - span + (i / chats) * span - 3_600_000 * ctx.random());
      chatRows(ctx, i, lengths[i], start, out);
      if (out.messages.length >= 20_000 || i === chats - 1) {
        await sink.write(Object.entries(out));
        written += out.messages.length;
        out = empty();
        if (written >= nextLog) {
          nextLog += messages / 10;
          log(
            `search: ${written} / ${messages} messages written (${Math.round((Date.now() - started) / 1000)} s)`,
          );
        }
      }
    }
    const loadMs = Date.now() - started;
    return {
      loadMs,
      siteIds: ctx.staff.sites,
      agentIds: ctx.staff.agents.map((a) => a.id),
      departmentIds: ctx.staff.departments,
      fromMs: now - span,
      toMs: now,
    };
  } finally {
    await sink.close();
  }
}
