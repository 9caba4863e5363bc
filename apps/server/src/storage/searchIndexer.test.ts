import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSearch } from '../domain/searchQuery.js';
import { systemClock } from '../ports/clock.js';
import { insertConversation, insertSite, insertVisitor } from '../test/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../test/storage.js';
import { migrate, type Storage } from './database.js';
import { MessageWriter } from './messageWriter.js';
import type { ConversationRow } from './schema.js';
import { HIT_END, HIT_START, searchMessages, type SearchFilters } from './search.js';
import { INDEX_BATCH, SearchIndexer } from './searchIndexer.js';

// SQLite only: PostgreSQL keeps its GIN index with the row and has no pending queue.
describe('search index on SQLite', () => {
  let db: TestDatabase;
  const open: Storage[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    await db.drop();
  });

  async function fresh(): Promise<Storage> {
    db = await createTestDatabase('sqlite');
    return reopen();
  }
  async function reopen(): Promise<Storage> {
    const storage = db.open();
    open.push(storage);
    await migrate(storage.db, storage.schema);
    return storage;
  }
  const pending = async (s: Storage) =>
    (await sql<{ n: number }>`SELECT count(*) AS n FROM search_pending`.execute(s.db)).rows[0]!.n;
  const indexed = async (s: Storage) =>
    (await sql<{ n: number }>`SELECT count(*) AS n FROM message_search`.execute(s.db)).rows[0]!.n;

  function find(s: Storage, text: string, filters: SearchFilters = {}, limit = 50, offset = 0) {
    return searchMessages(s.db, 'sqlite', {
      terms: parseSearch(text.replace(/…$/, ''), { typing: text.endsWith('…') }),
      filters,
      access: null,
      visibilities: ['public', 'private'],
      page: { limit, offset },
    });
  }

  async function corpus(s: Storage): Promise<{ writer: MessageWriter; chat: ConversationRow }> {
    const site = await insertSite(s.db);
    const chat = await insertConversation(s.db, await insertVisitor(s.db, site), 'active');
    const other = await insertConversation(s.db, await insertVisitor(s.db, site), 'closed');
    const writer = new MessageWriter(s, systemClock, () => undefined);
    const bodies = [
      'Crème brûlée please, for two people',
      'Ich möchte die Größe der Schuhe ändern',
      'El envío llegó tarde, quiero un reembolso',
      'Zamówienie nie dotarło, proszę o zwrot',
      'Teşekkür ederim, sipariş geldi',
      'Where is my order? The delivery is late',
      'Is the creme brulee recipe online?',
      'Refund please: the order arrived broken',
    ];
    for (const [i, body] of bodies.entries())
      await writer.write({
        conversationId: (i % 2 ? other : chat).id,
        clientId: null,
        author: { type: 'visitor', id: null, name: null },
        body,
        visibility: 'public',
      });
    return { writer, chat };
  }

  const QUERIES: Array<[string, SearchFilters?]> = [
    ['creme brulee'],
    ['GRÖßE'],
    ['größe schuhe'],
    ['envio'],
    ['reembolzo'],
    ['zwrot'],
    ['tesekkur'],
    ['ord…'],
    ['order late'],
    ['delivery'],
    ['please'],
    ['please', { status: 'closed' }],
  ];

  it('finds pending messages exactly as it finds indexed ones, snippets marked the same way', async () => {
    const s = await fresh();
    const { writer } = await corpus(s);
    expect(await pending(s)).toBe(8);
    const before = await Promise.all(QUERIES.map(([q, f]) => find(s, q, f)));
    expect(before.map((hits) => hits.length)).toEqual([2, 1, 1, 1, 1, 1, 1, 2, 1, 1, 2, 1]);
    expect(before[0]![1]!.snippet).toBe(
      `${HIT_START}Crème${HIT_END} ${HIT_START}brûlée${HIT_END} please, for two people`,
    );

    const indexer = new SearchIndexer(s, (err) => {
      throw err;
    });
    expect(await indexer.drain()).toBe(8);
    expect([await pending(s), await indexed(s)]).toEqual([0, 8]);
    const after = await Promise.all(QUERIES.map(([q, f]) => find(s, q, f)));
    expect(after.map((hits) => hits.map((h) => h.id))).toEqual(
      before.map((hits) => hits.map((h) => h.id)),
    );
    expect(after[0]![1]!.snippet).toBe(before[0]![1]!.snippet);
    await writer.close();
  });

  it('pages across pending and indexed messages, newest first, without a gap or a repeat', async () => {
    const s = await fresh();
    const { writer, chat } = await corpus(s);
    const indexer = new SearchIndexer(s, (err) => {
      throw err;
    });
    await indexer.drain();
    for (let i = 0; i < 5; i++)
      await writer.write({
        conversationId: chat.id,
        clientId: null,
        author: { type: 'agent', id: null, name: 'Alice' },
        body: `Your order number ${i} is on its way`,
        visibility: i === 4 ? 'private' : 'public',
      });
    expect(await pending(s)).toBe(5);
    const all = (await find(s, 'order')).map((h) => h.id);
    expect(all).toHaveLength(7);
    const pages = [];
    for (let offset = 0; offset < 7; offset += 3)
      pages.push(...(await find(s, 'order', {}, 3, offset)));
    expect(pages.map((h) => h.id)).toEqual(all);
    await writer.close();
  });

  it('keeps the words of indexed messages, and 018 takes those indexed before it', async () => {
    db = await createTestDatabase('sqlite');
    const s = db.open();
    open.push(s);
    await migrate(s.db, s.schema, '017_visitor_email');
    const { writer } = await corpus(s);
    // Indexed as 016 did before 018 existed: straight from the queue into FTS5.
    await sql`INSERT INTO message_search (body, message_id)
      SELECT m.body, m.id FROM search_pending p JOIN messages m ON m.id = p.message_id`.execute(
      s.db,
    );
    await sql`DELETE FROM search_pending`.execute(s.db);
    await migrate(s.db, s.schema);
    const terms = async () =>
      (await sql<{ term: string }>`SELECT term FROM search_terms`.execute(s.db)).rows.map(
        (r) => r.term,
      );
    expect(await terms()).toEqual(expect.arrayContaining(['creme', 'brulee', 'reembolso']));
    // A typo is found through the spelling the vocabulary knows.
    expect(await find(s, 'reembolzo')).toHaveLength(1);

    await writer.write({
      conversationId: (await find(s, 'reembolso'))[0]!.conversation_id,
      clientId: null,
      author: { type: 'visitor', id: null, name: null },
      body: 'Quelle fantastique livraison',
      visibility: 'public',
    });
    await new SearchIndexer(s, (err) => {
      throw err;
    }).drain();
    expect(await terms()).toEqual(expect.arrayContaining(['fantastique', 'livraison']));
    expect(await find(s, 'fantastiqeu')).toHaveLength(1);
    await writer.close();
  });

  it('indexes at the next start what a crash left pending, in batches', async () => {
    const s = await fresh();
    const { writer, chat } = await corpus(s);
    const rows = Array.from({ length: INDEX_BATCH + 20 }, (_, i) =>
      writer.write({
        conversationId: chat.id,
        clientId: null,
        author: { type: 'visitor', id: null, name: null },
        body: `Bulk question number ${i} about the crème`,
        visibility: 'public',
      }),
    );
    await Promise.all(rows);
    await writer.close();
    // The process dies here: nothing was indexed, everything acknowledged is queued.
    await s.close();
    open.splice(0);

    const again = await reopen();
    expect(await pending(again)).toBe(INDEX_BATCH + 28);
    expect(await find(again, 'creme', {}, 1000)).toHaveLength(INDEX_BATCH + 22);
    const drained = new Promise<void>((resolve, reject) => {
      const indexer = new SearchIndexer(again, reject, 5);
      indexer.start();
      const check = async () => {
        if ((await pending(again)) === 0) return void indexer.stop().then(resolve);
        setTimeout(() => void check(), 5);
      };
      void check();
    });
    await expectWithin(drained, 10_000, 'the started indexer never emptied search_pending');
    expect(await indexed(again)).toBe(INDEX_BATCH + 28);
    expect(await find(again, 'creme', {}, 1000)).toHaveLength(INDEX_BATCH + 22);
  });
});

function expectWithin<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(what)), ms);
    }),
  ]);
}
