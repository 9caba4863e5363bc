import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../ids.js';
import { insertConversation, insertSite, insertVisitor } from '../test/fixtures.js';
import { dialects, openMigrated } from '../test/storage.js';
import { conversationsOfContact, ticketsOfContact, visitorsOfContact } from './contactPage.js';
import {
  absorbContact,
  contactById,
  contactIdsByEmail,
  contactOfVisitor,
  insertContact,
  linkUnlinkedVisitor,
  listContacts,
  lockContacts,
  setVisitorContactId,
} from './contacts.js';
import type { Storage } from './database.js';
import type { SiteRow } from './schema.js';
import { inTransaction } from './store.js';

describe.each(dialects)('contacts storage on %s', (dialect) => {
  let storage: Storage;
  let cleanup: () => Promise<void>;
  let shop: SiteRow;
  let blog: SiteRow;

  async function contact(
    site: SiteRow,
    name: string,
    emails: string[] = [],
    phones: string[] = [],
    at = Date.now(),
  ) {
    const id = newId();
    await inTransaction(storage.db, (tx) =>
      insertContact(tx, {
        id,
        site_id: site.id,
        name,
        company: null,
        notes: '',
        custom_fields: '{}',
        emails,
        phones,
        created_by: null,
        created_at: at,
        updated_at: at,
      }),
    );
    return id;
  }

  beforeAll(async () => {
    ({ storage, cleanup } = await openMigrated(dialect));
    shop = await insertSite(storage.db);
    blog = await insertSite(storage.db);
  });
  afterAll(() => cleanup());

  it('keeps emails and phones in the order given and finds a visitor’s contact', async () => {
    const id = await contact(
      shop,
      'Grace Hopper',
      ['b@navy.example', 'a@navy.example'],
      ['+1 555 0100'],
    );
    const visitor = await insertVisitor(storage.db, shop);
    expect(await contactOfVisitor(storage.db, visitor.id)).toBeUndefined();
    await setVisitorContactId(storage.db, visitor.id, id);
    const found = await contactOfVisitor(storage.db, visitor.id);
    expect(found).toMatchObject({
      id,
      name: 'Grace Hopper',
      emails: ['b@navy.example', 'a@navy.example'],
      phones: ['+1 555 0100'],
    });
    expect((await visitorsOfContact(storage.db, id)).map((v) => v.id)).toEqual([visitor.id]);
  });

  it('finds contacts by an email of their site only, oldest first', async () => {
    const older = await contact(shop, 'Old', ['same@example.com'], [], 1000);
    const newer = await contact(shop, 'New', ['same@example.com'], [], 2000);
    await contact(blog, 'Elsewhere', ['same@example.com']);
    expect(await contactIdsByEmail(storage.db, shop.id, 'same@example.com')).toEqual([
      older,
      newer,
    ]);
  });

  it('links an unlinked visitor only', async () => {
    const first = await contact(shop, 'First');
    const second = await contact(shop, 'Second');
    const visitor = await insertVisitor(storage.db, shop);
    expect(await linkUnlinkedVisitor(storage.db, visitor.id, first)).toBe(true);
    expect(await linkUnlinkedVisitor(storage.db, visitor.id, second)).toBe(false);
    expect((await contactOfVisitor(storage.db, visitor.id))?.id).toBe(first);
  });

  it('searches name, company, emails and phones, taking % and _ literally', async () => {
    const ada = await contact(shop, 'Ada Lovelace', ['ada@engine.example'], ['+44 20 7946 0000']);
    const pct = await contact(shop, '100% Cotton Ltd');
    const find = async (q: string) =>
      (await listContacts(storage.db, { siteIds: [shop.id], q, limit: 50 })).map((c) => c.id);
    expect(await find('lovel')).toEqual([ada]);
    expect(await find('ENGINE.example')).toEqual([ada]);
    expect(await find('7946')).toEqual([ada]);
    expect(await find('0%')).toEqual([pct]);
    expect(await find('a_a')).toEqual([]);
    expect(await listContacts(storage.db, { siteIds: [], limit: 50 })).toEqual([]);
    const fromBlog = await listContacts(storage.db, { siteIds: [blog.id], q: 'ada', limit: 50 });
    expect(fromBlog).toEqual([]);
  });

  it('absorbs a duplicate in one transaction: visitors move, the other is gone', async () => {
    const keep = await contact(shop, 'Keep', ['k@example.com']);
    const other = await contact(shop, 'Other', ['o@example.com'], ['+1 555 0199']);
    const visitor = await insertVisitor(storage.db, shop);
    await setVisitorContactId(storage.db, visitor.id, other);
    const chat = await insertConversation(storage.db, visitor, 'closed');
    await inTransaction(storage.db, async (tx) => {
      expect(await lockContacts(tx, [keep, other], Date.now())).toBe(2);
      await absorbContact(tx, keep, other);
    });
    expect(await contactById(storage.db, other)).toBeUndefined();
    expect((await contactOfVisitor(storage.db, visitor.id))?.id).toBe(keep);
    expect((await conversationsOfContact(storage.db, keep, null)).map((c) => c.id)).toEqual([
      chat.id,
    ]);
    expect(
      await ticketsOfContact(storage.db, keep, { kind: 'sites', siteIds: [], departmentIds: null }),
    ).toEqual([]);
  });

  it('rolls a failed merge back whole', async () => {
    const keep = await contact(shop, 'Keep too');
    const other = await contact(shop, 'Other too', ['stay@example.com']);
    await expect(
      inTransaction(storage.db, async (tx) => {
        await absorbContact(tx, keep, other);
        throw new Error('the merge failed half way');
      }),
    ).rejects.toThrow('half way');
    expect((await contactById(storage.db, other))?.emails).toEqual(['stay@example.com']);
  });
});
