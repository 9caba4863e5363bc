import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/storage.js';
import { migrate, migrationNames, type Storage } from '../database.js';
import type { Database } from '../schema.js';

/** A row the way the code before 011 wrote it: only columns that existed then. */
function insert(db: Kysely<Database>, table: string, row: Record<string, string | number>) {
  const columns = sql.join(Object.keys(row).map((c) => sql.ref(c)));
  const values = sql.join(Object.values(row).map((v) => sql.val(v)));
  return sql`INSERT INTO ${sql.table(table)} (${columns}) VALUES (${values})`.execute(db);
}

describe.each(dialects)('migration 011_site_access on %s', (dialect) => {
  let database: TestDatabase;
  let storage: Storage;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    storage = database.open();
    const before = migrationNames[migrationNames.indexOf('011_site_access') - 1]!;
    await migrate(storage.db, storage.schema, before);
    const now = Date.now();
    for (const id of ['s1', 's2'])
      await insert(storage.db, 'sites', {
        id,
        key: `key-011-${id}`,
        name: id,
        greeting: 'Hi',
        accent_color: '#000000',
        created_at: now,
      });
    for (const [id, role] of [
      ['a1', 'agent'],
      ['a2', 'supervisor'],
    ])
      await insert(storage.db, 'agents', {
        id: id!,
        email: `${id}@example.com`,
        name: id!,
        password_hash: 'x',
        role: role!,
        status: 'offline',
        created_at: now,
      });
    await migrate(storage.db, storage.schema);
  });
  afterAll(async () => {
    await storage.close();
    await database.drop();
  });

  it('gives every existing agent every existing site, so an upgrade changes nobody’s view', async () => {
    const rows = await storage.db
      .selectFrom('agent_sites')
      .selectAll()
      .orderBy('agent_id')
      .orderBy('site_id')
      .execute();
    expect(rows).toEqual([
      { agent_id: 'a1', site_id: 's1' },
      { agent_id: 'a1', site_id: 's2' },
      { agent_id: 'a2', site_id: 's1' },
      { agent_id: 'a2', site_id: 's2' },
    ]);
  });
});
