import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessScope } from '../domain/access.js';
import { parseSearch } from '../domain/searchQuery.js';
import { newId } from '../ids.js';
import { insertSite } from '../test/fixtures.js';
import { dialects, openMigrated } from '../test/storage.js';
import type { Storage } from './database.js';
import type { SiteRow } from './schema.js';
import { HIT_END, HIT_START } from './search.js';
import { searchTickets } from './searchTickets.js';

describe.each(dialects)('ticket search on %s', (dialect) => {
  let storage: Storage;
  let cleanup: () => Promise<void>;
  let shop: SiteRow;
  let blog: SiteRow;
  const ALL: AccessScope = { kind: 'all' };
  let at = Date.now() - 1_000_000;

  async function ticket(site: SiteRow, subject: string | null, departmentId: string | null = null) {
    const id = newId();
    at += 1000;
    await storage.db
      .insertInto('tickets')
      .values({
        id,
        site_id: site.id,
        visitor_id: null,
        conversation_id: null,
        name: 'Cy',
        email: 'cy@example.com',
        message: 'Hello',
        status: 'open',
        created_at: at,
        subject,
        department_id: departmentId,
      })
      .execute();
    return id;
  }

  const find = (text: string, scope: AccessScope = ALL, filters = {}, typing = false) =>
    searchTickets(storage.db, dialect, {
      terms: parseSearch(text, { typing }),
      scope,
      filters,
      page: { limit: 20, offset: 0 },
    });
  const ids = async (hits: ReturnType<typeof find>) => (await hits).map((h) => h.id);

  beforeAll(async () => {
    ({ storage, cleanup } = await openMigrated(dialect));
    shop = await insertSite(storage.db);
    blog = await insertSite(storage.db);
  });
  afterAll(() => cleanup());

  it('finds a subject with accents and case folded, typos and prefixes, newest first', async () => {
    const older = await ticket(shop, 'Crème brûlée arrived cold');
    const newer = await ticket(shop, 'Second crème brûlée order');
    await ticket(shop, null);
    expect(await ids(find('CREME brulee'))).toEqual([newer, older]);
    expect(await ids(find('brulle'))).toEqual([newer, older]);
    expect(await ids(find('arriv', ALL, {}, true))).toEqual([older]);
    const [hit] = await find('cold');
    expect(hit!.subject).toBe(`Crème brûlée arrived ${HIT_START}cold${HIT_END}`);
  });

  it('keeps a subject up to date when it changes', async () => {
    const id = await ticket(shop, 'Parcel lost');
    expect(await ids(find('parcel'))).toEqual([id]);
    await storage.db
      .updateTable('tickets')
      .set({ subject: 'Parcel found' })
      .where('id', '=', id)
      .execute();
    expect(await ids(find('lost'))).toEqual([]);
    expect(await ids(find('found'))).toEqual([id]);
    await storage.db.deleteFrom('tickets').where('id', '=', id).execute();
    expect(await ids(find('parcel'))).toEqual([]);
  });

  it('answers only the sites and departments of the reader, and the filters', async () => {
    const dept = newId();
    await storage.db
      .insertInto('departments')
      .values({ id: dept, name: 'Billing', distribution: 'least_busy', created_at: Date.now() })
      .execute();
    const open = await ticket(shop, 'Invoice question');
    const inDept = await ticket(shop, 'Invoice of billing', dept);
    const other = await ticket(blog, 'Invoice for the blog');
    const member: AccessScope = { kind: 'sites', siteIds: [shop.id], departmentIds: [] };
    expect(await ids(find('invoice', member))).toEqual([open]);
    const inBilling: AccessScope = { kind: 'sites', siteIds: [shop.id], departmentIds: [dept] };
    expect(await ids(find('invoice', inBilling))).toEqual([inDept, open]);
    expect(await ids(find('invoice', ALL, { siteId: blog.id }))).toEqual([other]);
    expect(await ids(find('invoice', ALL, { departmentId: dept }))).toEqual([inDept]);
    expect(await ids(find('invoice', ALL, { from: at + 1 }))).toEqual([]);
  });

  it('takes any input without an error', async () => {
    await ticket(shop, 'Quotes "and" OR operators');
    for (const q of ['"', 'OR 1=1 --', 'NEAR(a b)', 'subject:x', '*', "'); DROP TABLE tickets; --"])
      await expect(find(q)).resolves.toBeInstanceOf(Array);
    expect(await find('"operators" AND')).toHaveLength(1);
  });
});
