// What keeping the search index costs a message: the server's own MessageWriter (its build in
// apps/server/dist) writes the same messages into two databases migrated alike, one with the
// message index removed, in alternating rounds on the same process; CPU is this process's
// (SQLite runs inside it) plus, on PostgreSQL, the one backend the writer's pool holds. The
// indexed side runs the index as the app does: on SQLite the SearchIndexer on its timer
// (drained before each round's CPU is read), on PostgreSQL the GIN index (its pending list
// flushed before each round's CPU is read, so no index work is left for later).
//
//   node bench/search-write.mjs '<json params>'   prints one JSON line
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { cpuMs } from './lib/proc.mjs';
import { median } from './lib/stats.mjs';
import { APP_ROOT } from './lib/targets.mjs';
import { corpus } from './search-corpus.mjs';

const p = JSON.parse(process.argv[2]);
const dist = (f) => import(pathToFileURL(path.join(APP_ROOT, 'apps/server/dist', f)).href);
const { openStorage, migrate } = await dist('storage/database.js');
const { MessageWriter } = await dist('storage/messageWriter.js');
const { systemClock } = await dist('ports/clock.js');
const SearchIndexer = fs.existsSync(
  path.join(APP_ROOT, 'apps/server/dist/storage/searchIndexer.js'),
)
  ? (await dist('storage/searchIndexer.js')).SearchIndexer
  : null;

const CONVERSATIONS = 200;

/** A migrated database with one site, visitors and open chats; `plain` drops the message index. */
async function variant(name, plain) {
  const storage =
    p.dialect === 'sqlite'
      ? openStorage({ kind: 'sqlite', file: path.join(p.sqliteDir, `${name}.sqlite`) })
      : openStorage({ kind: 'postgres', url: p.pgUrls[name], poolSize: 1 });
  await migrate(storage.db, storage.schema);
  if (plain) {
    if (p.dialect === 'sqlite') {
      await sql`DROP TRIGGER IF EXISTS message_search_insert`.execute(storage.db);
      await sql`DROP TRIGGER IF EXISTS message_search_pending`.execute(storage.db);
    } else {
      await sql`DROP INDEX IF EXISTS messages_search`.execute(storage.db);
      // The words typo spellings are checked against (migration 018) are part of the index.
      await sql`DROP TRIGGER IF EXISTS messages_search_terms ON messages`.execute(storage.db);
    }
  }
  const now = Date.now();
  const site = `site-${name}`;
  await storage.db
    .insertInto('sites')
    .values({
      id: site,
      key: `key-${name}`,
      name,
      greeting: 'Hi',
      accent_color: '#000000',
      created_at: now,
    })
    .execute();
  const ids = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const v = `v-${i}`;
    await storage.db
      .insertInto('visitors')
      .values({
        id: v,
        site_id: site,
        token_hash: `${name}-${i}`,
        code: `#${i}`,
        created_at: now,
        last_seen_at: now,
      })
      .execute();
    await storage.db
      .insertInto('conversations')
      .values({
        id: `c-${i}`,
        site_id: site,
        visitor_id: v,
        status: 'active',
        created_at: now,
        queued_at: now,
      })
      .execute();
    ids.push(`c-${i}`);
  }
  let backendPid = null;
  if (p.dialect === 'postgres') {
    backendPid = (await sql`SELECT pg_backend_pid() AS pid`.execute(storage.db)).rows[0].pid;
  }
  const writer = new MessageWriter(storage, systemClock, (err) => {
    throw err;
  });
  const indexer =
    !plain && SearchIndexer && storage.raw
      ? new SearchIndexer(storage, (err) => {
          throw err;
        })
      : null;
  indexer?.start();
  return { name, plain, storage, writer, indexer, ids, backendPid, sent: 0 };
}

/** Finishes the index's work for what was written: nothing is left to do later. */
async function settle(v) {
  if (v.plain) return;
  if (v.indexer) await v.indexer.drain();
  else if (p.dialect === 'postgres') {
    await sql`SELECT gin_clean_pending_list('messages_search'::regclass)`.execute(v.storage.db);
  }
}

function send(v, text, lang) {
  const i = v.sent++;
  const visitor = i % 2 === 0;
  return v.writer.write({
    conversationId: v.ids[i % v.ids.length],
    clientId: visitor ? `m${i}` : null,
    author: visitor
      ? { type: 'visitor', id: `v-${i % v.ids.length}`, name: null }
      : { type: 'agent', id: null, name: 'Agent' },
    body: text.message(lang),
    visibility: 'public',
  });
}

/** `n` messages, `burst` at a time (one transaction each); CPU in microseconds. */
async function round(v, n, burst, seed) {
  const text = corpus(seed);
  const langs = Array.from({ length: n }, () => text.language());
  // Garbage left by the previous round is collected before, not inside, this one.
  globalThis.gc?.();
  const c0 = process.cpuUsage();
  const b0 = v.backendPid ? cpuMs(v.backendPid) : 0;
  for (let i = 0; i < n; i += burst) {
    const k = Math.min(burst, n - i);
    if (k === 1) await send(v, text, langs[i]);
    else await Promise.all(Array.from({ length: k }, (_, j) => send(v, text, langs[i + j])));
  }
  await settle(v);
  const c = process.cpuUsage(c0);
  const backendUs = v.backendPid ? (cpuMs(v.backendPid) - b0) * 1000 : 0;
  return { processUs: c.user + c.system, backendUs };
}

const variants = [await variant('indexed', false), await variant('plain', true)];
// Warm-up and a history to index into: unmeasured.
for (const v of variants) await round(v, p.prefill, 50, 1);
const modes = {};
for (const [mode, burst] of [
  ['single', 1],
  ['burst', p.burst],
]) {
  const totals = { indexed: { processUs: 0, backendUs: 0 }, plain: { processUs: 0, backendUs: 0 } };
  const perRound = [];
  const rounds = { indexed: [], plain: [] };
  for (let r = 0; r < p.rounds; r++) {
    // Alternate which goes first, so drift on a shared machine falls on both alike.
    const order = r % 2 === 0 ? variants : [...variants].reverse();
    const got = {};
    for (const v of order) {
      got[v.name] = await round(v, p.perRound, burst, 100 + r);
      totals[v.name].processUs += got[v.name].processUs;
      totals[v.name].backendUs += got[v.name].backendUs;
    }
    const us = (x) => (x.processUs + x.backendUs) / p.perRound;
    for (const v of variants) rounds[v.name].push(us(got[v.name]));
    perRound.push(Math.round((us(got.indexed) / us(got.plain) - 1) * 1000) / 10);
  }
  const n = p.rounds * p.perRound;
  const r1 = (x) => Math.round(x * 10) / 10;
  const per = (x) => r1((x.processUs + x.backendUs) / n);
  // Medians of the rounds: a round another process disturbed (or a GC) moves the mean, not these.
  const indexedUs = r1(median(rounds.indexed));
  const plainUs = r1(median(rounds.plain));
  modes[mode] = {
    messagesPerTransaction: burst,
    messages: n,
    indexedUs,
    plainUs,
    extraPct: r1((indexedUs / plainUs - 1) * 100),
    meanUs: { indexed: per(totals.indexed), plain: per(totals.plain) },
    extraPctOfMeans: r1((per(totals.indexed) / per(totals.plain) - 1) * 100),
    extraPctPerRound: perRound,
    backendUs:
      p.dialect === 'postgres'
        ? {
            indexed: Math.round(totals.indexed.backendUs / n),
            plain: Math.round(totals.plain.backendUs / n),
          }
        : null,
  };
}
for (const v of variants) {
  await v.indexer?.stop();
  await v.writer.close();
  await v.storage.close();
}
console.log(JSON.stringify({ indexer: Boolean(SearchIndexer) && p.dialect === 'sqlite', modes }));
