import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../ports/clock.js';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/storage.js';
import { migrate, migrationNames, type Storage } from '../database.js';
import { MessageWriter } from '../messageWriter.js';
import type { Database } from '../schema.js';

/** A row the way the code before 012 wrote it: only columns that existed then. */
function insert(db: Kysely<Database>, table: string, row: Record<string, string | number>) {
  const columns = sql.join(Object.keys(row).map((c) => sql.ref(c)));
  const values = sql.join(Object.values(row).map((v) => sql.val(v)));
  return sql`INSERT INTO ${sql.table(table)} (${columns}) VALUES (${values})`.execute(db);
}

/** Seq by seq, whether each message is public: c1 has notes among its replies, c2 ends on one. */
const HISTORY = {
  c1: ['public', 'private', 'public', 'private', 'private', 'public', 'public'],
  c2: ['private', 'public', 'private'],
} as const;

describe.each(dialects)('migration 012_public_seq on %s', (dialect) => {
  let database: TestDatabase;
  let storage: Storage;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    storage = database.open();
    const before = migrationNames[migrationNames.indexOf('012_public_seq') - 1]!;
    await migrate(storage.db, storage.schema, before);
    await seedOldRows(storage.db);
    // What 012 itself does (019 later drops its unique index again).
    await migrate(storage.db, storage.schema, '012_public_seq');
  });
  afterAll(async () => {
    await storage.close();
    await database.drop();
  });

  async function seedOldRows(db: Kysely<Database>) {
    const now = Date.now();
    await insert(db, 'sites', {
      id: 's1',
      key: 'site-key-012',
      name: 'Shop',
      greeting: 'Hi',
      accent_color: '#000000',
      created_at: now,
    });
    await insert(db, 'visitors', {
      id: 'v1',
      site_id: 's1',
      token_hash: 'token-012',
      code: '#0120',
      created_at: now,
      last_seen_at: now,
    });
    for (const [id, kinds] of Object.entries(HISTORY)) {
      // Before 012, last_public_seq held the seq of the last public message.
      const lastPublic = kinds.lastIndexOf('public') + 1;
      await insert(db, 'conversations', {
        id,
        site_id: 's1',
        visitor_id: 'v1',
        status: id === 'c1' ? 'active' : 'closed',
        last_seq: kinds.length,
        last_public_seq: lastPublic,
        created_at: now,
        queued_at: now,
      });
      // Inserted out of seq order: the numbering must follow seq, not insertion.
      const order = kinds.map((_, i) => i).reverse();
      for (const i of order) {
        await insert(db, 'messages', {
          id: `${id}-m${i + 1}`,
          conversation_id: id,
          seq: i + 1,
          author_type: kinds[i] === 'public' ? 'visitor' : 'agent',
          body: `${kinds[i]} ${i + 1}`,
          visibility: kinds[i]!,
          created_at: now + i,
        });
      }
    }
    // The visitor had seen up to seq 3 (its second message); the agent up to seq 5 (a note).
    await insert(db, 'read_marks', {
      conversation_id: 'c1',
      reader_type: 'visitor',
      reader_id: 'v1',
      seq: 3,
      updated_at: now,
    });
    await insert(db, 'read_marks', {
      conversation_id: 'c1',
      reader_type: 'agent',
      reader_id: 'a1',
      seq: 5,
      updated_at: now,
    });
  }

  it('numbers the public messages of each conversation 1, 2, 3 in seq order, notes none', async () => {
    const rows = await storage.db
      .selectFrom('messages')
      .select(['conversation_id', 'seq', 'public_seq'])
      .orderBy('conversation_id')
      .orderBy('seq')
      .execute();
    const of = (id: string) =>
      rows.filter((r) => r.conversation_id === id).map((r) => [r.seq, r.public_seq]);
    expect(of('c1')).toEqual([
      [1, 1],
      [2, null],
      [3, 2],
      [4, null],
      [5, null],
      [6, 3],
      [7, 4],
    ]);
    expect(of('c2')).toEqual([
      [1, null],
      [2, 1],
      [3, null],
    ]);
  });

  it('makes last_public_seq the count of public messages and places read marks in both numberings', async () => {
    const conversations = await storage.db
      .selectFrom('conversations')
      .select(['id', 'last_seq', 'last_public_seq'])
      .orderBy('id')
      .execute();
    expect(conversations).toEqual([
      { id: 'c1', last_seq: 7, last_public_seq: 4 },
      { id: 'c2', last_seq: 3, last_public_seq: 1 },
    ]);
    const marks = await storage.db
      .selectFrom('read_marks')
      .select(['reader_type', 'seq', 'public_seq'])
      .orderBy('reader_type')
      .execute();
    expect(marks).toEqual([
      { reader_type: 'agent', seq: 5, public_seq: 2 },
      { reader_type: 'visitor', seq: 3, public_seq: 2 },
    ]);
  });

  it('lets new messages go on from the backfilled numbers, and refuses a number twice', async () => {
    const writer = new MessageWriter(storage, systemClock, () => undefined);
    const send = (visibility: 'public' | 'private', clientId: string) =>
      writer.write({
        conversationId: 'c1',
        clientId,
        author: { type: 'agent', id: null, name: null },
        body: clientId,
        visibility,
      });
    const [note, reply] = await Promise.all([
      send('private', 'after-012-note'),
      send('public', 'after-012-reply'),
    ]);
    await writer.close();
    expect([note.message.seq, note.message.public_seq]).toEqual([8, null]);
    expect([reply.message.seq, reply.message.public_seq]).toEqual([9, 5]);
    await expect(
      insert(storage.db, 'messages', {
        id: 'c1-duplicate',
        conversation_id: 'c1',
        seq: 10,
        public_seq: 5,
        author_type: 'visitor',
        body: 'same number',
        visibility: 'public',
        created_at: Date.now(),
      }),
    ).rejects.toThrow(/unique/i);
  });
});
