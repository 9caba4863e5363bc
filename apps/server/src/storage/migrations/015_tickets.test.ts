import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/storage.js';
import { migrate, migrationNames, type Storage } from '../database.js';
import type { Database } from '../schema.js';

function insert(db: Kysely<Database>, table: string, row: Record<string, string | number>) {
  const columns = sql.join(Object.keys(row).map((c) => sql.ref(c)));
  const values = sql.join(Object.values(row).map((v) => sql.val(v)));
  return sql`INSERT INTO ${sql.table(table)} (${columns}) VALUES (${values})`.execute(db);
}

describe.each(dialects)('migration 015_tickets on %s', (dialect) => {
  let database: TestDatabase;
  let storage: Storage;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    storage = database.open();
    const before = migrationNames[migrationNames.indexOf('015_tickets') - 1]!;
    await migrate(storage.db, storage.schema, before);
    const now = Date.now();
    await insert(storage.db, 'sites', {
      id: 's1',
      key: 'site-key-015',
      name: 'Shop',
      greeting: 'Hi',
      accent_color: '#000000',
      created_at: now,
    });
    for (const [id, status] of [
      ['t1', 'open'],
      ['t2', 'closed'],
    ])
      await insert(storage.db, 'tickets', {
        id: id!,
        site_id: 's1',
        name: 'Vi',
        email: 'vi@example.com',
        message: `message of ${id}`,
        status: status!,
        created_at: now,
      });
    await migrate(storage.db, storage.schema);
  });
  afterAll(async () => {
    await storage.close();
    await database.drop();
  });

  it('gives each existing ticket a token and its form message as the first of its thread', async () => {
    const tickets = await storage.db.selectFrom('tickets').selectAll().orderBy('id').execute();
    expect(tickets.map((x) => [x.status, x.channel, x.priority])).toEqual([
      ['open', 'web_form', 'normal'],
      ['closed', 'web_form', 'normal'],
    ]);
    const tokens = tickets.map((x) => x.reply_token);
    expect(tokens.every((x) => /^[a-f0-9]{32}$/.test(x ?? ''))).toBe(true);
    expect(new Set(tokens).size).toBe(2);
    expect(tickets.every((x) => x.updated_at === x.created_at)).toBe(true);
    const messages = await storage.db
      .selectFrom('ticket_messages')
      .select(['ticket_id', 'direction', 'author_email', 'body'])
      .orderBy('ticket_id')
      .execute();
    expect(messages).toEqual([
      { ticket_id: 't1', direction: 'in', author_email: 'vi@example.com', body: 'message of t1' },
      { ticket_id: 't2', direction: 'in', author_email: 'vi@example.com', body: 'message of t2' },
    ]);
  });
});
