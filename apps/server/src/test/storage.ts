import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import {
  migrate,
  openStorage,
  type Dialect,
  type Storage,
  type StorageOptions,
} from '../storage/database.js';

const PG_URL = process.env.PARLEY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Every storage and service test runs once per dialect. PostgreSQL is required unless
 * PARLEY_TEST_DIALECTS=sqlite is set explicitly (CI always runs both).
 */
export const dialects: Dialect[] = (process.env.PARLEY_TEST_DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is Dialect => d === 'sqlite' || d === 'postgres');

/** A fresh, migrated database: a temp SQLite file, or a PostgreSQL schema of its own. */
export interface TestDatabase {
  dialect: Dialect;
  options: StorageOptions;
  open(): Storage;
  drop(): Promise<void>;
}

export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-test-'));
    const options: StorageOptions = { kind: 'sqlite', file: path.join(dir, 'parley.sqlite') };
    return {
      dialect,
      options,
      open: () => openStorage(options),
      drop: () => fs.promises.rm(dir, { recursive: true, force: true }),
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch (err) {
    throw new Error(
      `PostgreSQL is not reachable at ${PG_URL} (set PARLEY_TEST_DATABASE_URL, or PARLEY_TEST_DIALECTS=sqlite to test SQLite only)`,
      { cause: err },
    );
  }
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const options: StorageOptions = { kind: 'postgres', url: PG_URL, schema, poolSize: 5 };
  return {
    dialect,
    options,
    open: () => openStorage(options),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

/** Opens and migrates a test database; `cleanup` closes and drops it. */
export async function openMigrated(
  dialect: Dialect,
): Promise<{ storage: Storage; db: TestDatabase; cleanup: () => Promise<void> }> {
  const db = await createTestDatabase(dialect);
  const storage = db.open();
  await migrate(storage.db, storage.schema);
  await sql`select 1`.execute(storage.db);
  return {
    storage,
    db,
    cleanup: async () => {
      await storage.close();
      await db.drop();
    },
  };
}
