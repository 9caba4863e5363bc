#!/usr/bin/env node
// The floor of Parley's message write path on SQLite: the same statements MessageWriter runs
// per message (read the conversation, look for the clientId, insert the message, update the
// conversation) on a replica of the two tables (same columns, keys, unique constraints and
// foreign key; WAL, synchronous=NORMAL), with prepared statements and no query builder, in
// transactions of `batch` messages spread over 2,000 conversations.
//
//   node bench/sqlite-floor.mjs [batch=10] [messages=40000]
//
// Prints microseconds per message, split by statement. Compare with the server's CPU per
// message from `npm run bench` to see what the layers above SQLite cost.
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_ROOT } from './lib/targets.mjs';

const SQLite = createRequire(path.join(APP_ROOT, 'apps/server/package.json'))('better-sqlite3');
const batch = Number(process.argv[2] ?? 10);
const total = Number(process.argv[3] ?? 40000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-sqlite-floor-'));
try {
  const db = new SQLite(path.join(dir, 'floor.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.exec(`
    create table conversations (id text primary key, visitor_id text not null, status text not null,
      assignee_id text, last_seq integer not null default 0, last_public_seq integer not null default 0,
      last_message_body text, last_message_author text, last_message_at bigint, created_at bigint not null);
    create table messages (id text primary key, conversation_id text not null references conversations(id),
      seq integer not null, client_id text, author_type text not null, author_id text, author_name text,
      body text not null, visibility text not null default 'public', created_at bigint not null,
      unique (conversation_id, seq), unique (conversation_id, client_id));`);
  const newId = () => {
    const b = randomBytes(16);
    b.writeUIntBE(Date.now(), 0, 6);
    b[6] = (b[6] & 0x0f) | 0x70;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  const N = 2000;
  const convs = [];
  const addConv = db.prepare(
    'insert into conversations (id, visitor_id, status, created_at) values (?, ?, ?, ?)',
  );
  for (let i = 0; i < N; i++) {
    const id = newId();
    convs.push(id);
    addConv.run(id, `v${i}`, 'active', Date.now());
  }
  const selConv = db.prepare('select * from conversations where id = ?');
  const selDup = db.prepare(
    'select * from messages where conversation_id = ? and client_id in (?)',
  );
  const insert = db.prepare(
    'insert into messages (id, conversation_id, seq, client_id, author_type, author_id, author_name, body, visibility, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const update = db.prepare(
    'update conversations set last_seq = ?, last_public_seq = ?, last_message_body = ?, last_message_author = ?, last_message_at = ? where id = ?',
  );
  const begin = db.prepare('begin');
  const commit = db.prepare('commit');
  const t = { reads: 0, insert: 0, update: 0, commit: 0 };
  const body =
    'Hi! I ordered the blue running shoes last week, can I still change the size? Order #';
  let k = 0;
  const t0 = performance.now();
  for (let b = 0; b < total / batch; b++) {
    begin.run();
    for (let j = 0; j < batch; j++, k++) {
      const c = convs[k % N];
      let s = performance.now();
      const conv = selConv.get(c);
      selDup.all(c, `bm${1e9 + k}`);
      t.reads += performance.now() - s;
      const seq = conv.last_seq + 1;
      s = performance.now();
      insert.run(
        newId(),
        c,
        seq,
        `bm${1e9 + k}`,
        'visitor',
        'v',
        '#1234',
        body + k,
        'public',
        Date.now(),
      );
      t.insert += performance.now() - s;
      s = performance.now();
      update.run(seq, seq, body.slice(0, 200), 'visitor', Date.now(), c);
      t.update += performance.now() - s;
    }
    const s = performance.now();
    commit.run();
    t.commit += performance.now() - s;
  }
  const us = (ms) => ((ms * 1000) / total).toFixed(1);
  const all = performance.now() - t0;
  console.log(
    `batch ${batch}: ${us(all)} us/message (reads ${us(t.reads)}, insert ${us(t.insert)}, ` +
      `update ${us(t.update)}, commit ${us(t.commit)})`,
  );
  console.log(
    JSON.stringify({
      batch,
      messages: total,
      usPerMessage: Number(us(all)),
      ...Object.fromEntries(Object.entries(t).map(([k2, v]) => [`${k2}Us`, Number(us(v))])),
    }),
  );
  db.close();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
