import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSearch } from '../domain/searchQuery.js';
import { systemClock } from '../ports/clock.js';
import { insertConversation, insertSite, insertVisitor } from '../test/fixtures.js';
import { dialects, openMigrated } from '../test/storage.js';
import type { Storage } from './database.js';
import { MessageWriter } from './messageWriter.js';
import type { ConversationRow, MessageRow, SiteRow } from './schema.js';
import {
  HIT_END,
  HIT_START,
  searchChats,
  searchMessages,
  searchVisitors,
  type ChatAccess,
  type SearchFilters,
} from './search.js';

describe.each(dialects)('search on %s', (dialect) => {
  let storage: Storage;
  let cleanup: () => Promise<void>;
  let writer: MessageWriter;
  let shop: SiteRow;
  let blog: SiteRow;
  let dessert: ConversationRow;
  let shoes: ConversationRow;
  let elsewhere: ConversationRow;

  const PAGE = { limit: 20, offset: 0 };
  const ALL: MessageRow['visibility'][] = ['public', 'private'];

  async function say(
    c: ConversationRow,
    body: string,
    visibility: MessageRow['visibility'] = 'public',
    type: 'visitor' | 'agent' | 'system' = 'visitor',
  ) {
    const r = await writer.write({
      conversationId: c.id,
      clientId: null,
      author: { type, id: null, name: type === 'agent' ? 'Alice' : null },
      body,
      visibility,
    });
    return r.message;
  }

  async function find(
    text: string,
    o: {
      filters?: SearchFilters;
      access?: ChatAccess;
      typing?: boolean;
      visibilities?: MessageRow['visibility'][];
    } = {},
  ) {
    return searchMessages(storage.db, dialect, {
      terms: parseSearch(text, { typing: o.typing }),
      filters: o.filters ?? {},
      access: o.access ?? null,
      visibilities: o.visibilities ?? ALL,
      page: PAGE,
    });
  }
  const bodiesOf = async (hits: Promise<Array<{ id: string }>>) => {
    const ids = (await hits).map((h) => h.id);
    if (ids.length === 0) return [];
    const rows = await storage.db
      .selectFrom('messages')
      .select(['id', 'body'])
      .where('id', 'in', ids)
      .execute();
    return ids.map((id) => rows.find((r) => r.id === id)!.body);
  };

  beforeAll(async () => {
    ({ storage, cleanup } = await openMigrated(dialect));
    writer = new MessageWriter(storage, systemClock, () => undefined);
    shop = await insertSite(storage.db);
    blog = await insertSite(storage.db);
    const anna = await insertVisitor(storage.db, shop);
    await storage.db
      .updateTable('visitors')
      .set({ name: 'Anna Sørensen', email: 'anna.s@example.com' })
      .where('id', '=', anna.id)
      .execute();
    dessert = await insertConversation(storage.db, anna, 'active');
    shoes = await insertConversation(storage.db, await insertVisitor(storage.db, shop), 'closed');
    elsewhere = await insertConversation(
      storage.db,
      await insertVisitor(storage.db, blog),
      'active',
    );
    await storage.db
      .updateTable('conversations')
      .set({ rating: 'good' })
      .where('id', '=', shoes.id)
      .execute();
    await say(dessert, 'Crème brûlée please, for two people');
    await say(dessert, 'Customer is a regular, give the discount', 'private', 'agent');
    await say(dessert, 'Of course! Anything else?', 'public', 'agent');
    await say(shoes, 'Do the running shoes come in size 44?');
    await say(shoes, 'The chat has ended', 'public', 'system');
    await say(elsewhere, 'Is the crème brûlée recipe on the blog?');
  });
  afterAll(async () => {
    await writer.close();
    await cleanup();
  });

  it('finds a message written through the writer, folding case and accents both ways', async () => {
    expect(await bodiesOf(find('creme brulee'))).toEqual([
      'Is the crème brûlée recipe on the blog?',
      'Crème brûlée please, for two people',
    ]);
    expect(await bodiesOf(find('CRÈME'))).toHaveLength(2);
    expect(await bodiesOf(find('Brûlée please'))).toEqual(['Crème brûlée please, for two people']);
  });

  it('marks the matched words in the snippet', async () => {
    const [hit] = await find('shoes');
    expect(hit!.snippet).toContain(`${HIT_START}shoes${HIT_END}`);
    expect(hit!.snippet.replaceAll(HIT_START, '').replaceAll(HIT_END, '')).toContain(
      'running shoes come in size 44',
    );
    expect(hit!.conversation_id).toBe(shoes.id);
  });

  it('matches the word being typed as a prefix, and only then', async () => {
    expect(await bodiesOf(find('runn', { typing: true }))).toEqual([
      'Do the running shoes come in size 44?',
    ]);
    expect(await find('runn')).toEqual([]);
    // A finished word (followed by a space) is a whole word again.
    expect(await find('runn ', { typing: true })).toEqual([]);
  });

  it('forgives one typo in a word of five letters or more, not in shorter ones', async () => {
    expect(await bodiesOf(find('runnign'))).toEqual(['Do the running shoes come in size 44?']);
    expect(await bodiesOf(find('discont'))).toEqual(['Customer is a regular, give the discount']);
    expect(await bodiesOf(find('recipee'))).toEqual(['Is the crème brûlée recipe on the blog?']);
    expect(await find('shooes blog')).toEqual([]);
    expect(await find('sise')).toEqual([]);
    // Two typos in one word are too many.
    expect(await find('runnnigg')).toEqual([]);
  });

  it('treats quotes, operators, wildcards and SQL as nothing but the words in them', async () => {
    const hostile = [
      '"crème',
      'crème" OR "shoes',
      'creme AND',
      'OR',
      'NEAR(creme brulee)',
      'body:creme',
      '* creme',
      "'; DROP TABLE messages; --",
      "creme') OR 1=1 --",
      '(((',
      '&|!:*',
      '\\',
      'NOT shoes',
    ];
    for (const text of hostile) await expect(find(text)).resolves.toBeInstanceOf(Array);
    // The words count, the syntax does not: "OR" is a word no message holds.
    expect(await find('crème" OR "shoes')).toEqual([]);
    expect(await bodiesOf(find('NEAR(creme brulee)'))).toEqual([]);
    expect(await bodiesOf(find('body:creme please'))).toEqual([]);
    expect(await bodiesOf(find('(creme) (please)'))).toEqual([
      'Crème brûlée please, for two people',
    ]);
    expect(await find('&|!:*')).toEqual([]);
    const count = await storage.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(6);
  });

  it('shows private notes only to readers allowed them, and never system messages', async () => {
    expect(await find('discount', { visibilities: ['public'] })).toEqual([]);
    expect(await find('discount')).toHaveLength(1);
    expect(await find('ended')).toEqual([]);
  });

  it('combines the words with filters and with what the reader may open', async () => {
    expect(await bodiesOf(find('creme', { filters: { siteId: blog.id } }))).toEqual([
      'Is the crème brûlée recipe on the blog?',
    ]);
    expect(await find('shoes', { filters: { status: 'active' } })).toEqual([]);
    expect(await find('shoes', { filters: { status: 'closed', rating: 'good' } })).toHaveLength(1);
    expect(await find('shoes', { filters: { rating: 'bad' } })).toEqual([]);
    expect(await find('creme', { filters: { from: Date.now() + 60_000 } })).toEqual([]);
    expect(await find('creme', { filters: { to: Date.now() + 60_000 } })).toHaveLength(2);
    const onlyShop = sql`c.site_id = ${shop.id}`;
    expect(await bodiesOf(find('creme', { access: onlyShop }))).toEqual([
      'Crème brûlée please, for two people',
    ]);
  });

  it('pages through the hits without repeating one', async () => {
    const many = await insertConversation(storage.db, await insertVisitor(storage.db, shop));
    for (let i = 0; i < 25; i++) await say(many, `parcel number ${i} is late`);
    const terms = parseSearch('parcel');
    const page = (offset: number) =>
      searchMessages(storage.db, dialect, {
        terms,
        filters: {},
        access: null,
        visibilities: ALL,
        page: { limit: 10, offset },
      });
    const ids = [...(await page(0)), ...(await page(10)), ...(await page(20))].map((h) => h.id);
    expect(ids).toHaveLength(25);
    expect(new Set(ids).size).toBe(25);
  });

  it('finds visitors by part of their name or email, accents folded, within the sites allowed', async () => {
    const hits = (text: string, siteIds: string[] | null = null) =>
      searchVisitors(storage.db, dialect, {
        terms: parseSearch(text),
        siteIds,
        page: PAGE,
      });
    expect((await hits('sorensen'))[0]?.name).toBe('Anna Sørensen');
    expect((await hits('ann'))[0]?.name).toBe('Anna Sørensen');
    expect((await hits('anna.s@example.com'))[0]?.name).toBe('Anna Sørensen');
    expect(await hits('anna', [blog.id])).toEqual([]);
    expect(await hits('anna', [])).toEqual([]);
  });

  it('keeps the visitor index up to date when a name changes', async () => {
    const v = await insertVisitor(storage.db, shop);
    await storage.db
      .updateTable('visitors')
      .set({ name: 'Zoë Quist' })
      .where('id', '=', v.id)
      .execute();
    const terms = parseSearch('zoe quist');
    const find = () => searchVisitors(storage.db, dialect, { terms, siteIds: null, page: PAGE });
    expect((await find()).map((h) => h.id)).toEqual([v.id]);
    await storage.db
      .updateTable('visitors')
      .set({ name: 'Zoë Berg' })
      .where('id', '=', v.id)
      .execute();
    expect(await find()).toEqual([]);
  });

  it("finds chats by their visitor's name", async () => {
    const chats = await searchChats(storage.db, dialect, {
      terms: parseSearch('Anna'),
      filters: {},
      access: null,
      page: PAGE,
    });
    expect(chats.map((c) => c.id)).toEqual([dessert.id]);
    expect(typeof chats[0]!.created_at).toBe('number');
  });
});
