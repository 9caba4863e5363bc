import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  type Migration,
  type SqliteDialectConfig,
} from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';
import * as m001 from './migrations/001_initial.js';
import * as m002 from './migrations/002_routing.js';
import * as m003 from './migrations/003_direct_messages.js';
import * as m004 from './migrations/004_rich_messages.js';
import * as m005 from './migrations/005_visitors.js';
import * as m006 from './migrations/006_page_view_retention.js';
import * as m007 from './migrations/007_cluster.js';
import * as m008 from './migrations/008_accounts.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Storage {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** PostgreSQL schema holding Parley's tables (null on SQLite). */
  readonly schema: string | null;
  /** The SQLite handle, for the message writer's prepared statements (null on PostgreSQL). */
  readonly raw: SQLite.Database | null;
  close(): Promise<void>;
}

export type StorageOptions =
  | { kind: 'sqlite'; file: string }
  | { kind: 'postgres'; url: string; schema?: string; poolSize?: number };

const BIGINT_OID = 20;

/**
 * Kysely's SQLite driver prepares every query anew; preparing showed up as a fifth of the
 * server's busy time under load. This keeps the most recently used statements. Safe because
 * Kysely runs one query at a time on its single connection, and SQLite re-prepares a statement
 * by itself after a schema change.
 */
function withStatementCache(sqlite: SQLite.Database, max = 1000): SqliteDialectConfig['database'] {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) cache.delete(sql);
      else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  } as unknown as SqliteDialectConfig['database'];
}

export function openStorage(options: StorageOptions): Storage {
  if (options.kind === 'sqlite') {
    if (options.file !== ':memory:') fs.mkdirSync(path.dirname(options.file), { recursive: true });
    const sqlite = new SQLite(options.file);
    sqlite.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes with WAL; a power loss may drop the last commits.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    });
    return { db, dialect: 'sqlite', schema: null, raw: sqlite, close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // Epoch milliseconds fit a JS number; parse bigint columns as numbers, for this pool only.
    types: {
      getTypeParser: (oid: number, format?: string) =>
        oid === BIGINT_OID
          ? (v: string) => Number(v)
          : pg.types.getTypeParser(oid, format as 'text'),
    } as pg.CustomTypesConfig,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    schema: options.schema ?? 'public',
    raw: null,
    close: () => db.destroy(),
  };
}

const migrations: Record<string, Migration> = {
  '001_initial': m001,
  '002_routing': m002,
  '003_direct_messages': m003,
  '004_rich_messages': m004,
  '005_visitors': m005,
  '006_page_view_retention': m006,
  '007_cluster': m007,
  '008_accounts': m008,
};

/** Runs every pending migration; throws (with the failing migration's name) if one fails. */
export async function migrate(db: Kysely<Database>, schema: string | null = null): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    // Named explicitly: Kysely otherwise finds its bookkeeping tables in any schema of the
    // database and may skip creating ours.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, {
      cause: error,
    });
  }
}
