import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, type Migration } from 'kysely';
import pg from 'pg';
import { StorageUnavailableError } from '../errors.js';
import { StorageFaults } from './faults.js';
import { GuardedPostgresDialect } from './pgDriver.js';
import { BusyAwareSqliteDialect } from './sqliteDriver.js';
import type { Database } from './schema.js';
import * as m001 from './migrations/001_initial.js';
import * as m002 from './migrations/002_routing.js';
import * as m003 from './migrations/003_direct_messages.js';
import * as m004 from './migrations/004_rich_messages.js';
import * as m005 from './migrations/005_visitors.js';
import * as m006 from './migrations/006_page_view_retention.js';
import * as m007 from './migrations/007_cluster.js';
import * as m008 from './migrations/008_accounts.js';
import * as m009 from './migrations/009_sites.js';
import * as m010 from './migrations/010_sso.js';
import * as m011 from './migrations/011_site_access.js';
import * as m012 from './migrations/012_public_seq.js';
import * as m013 from './migrations/013_search.js';
import * as m014 from './migrations/014_titles_tags.js';
import * as m015 from './migrations/015_tickets.js';
import * as m016 from './migrations/016_search_queue.js';
import * as m017 from './migrations/017_visitor_email.js';
import * as m018 from './migrations/018_search_terms.js';
import * as m019 from './migrations/019_public_seq_unindexed.js';
import * as m020 from './migrations/020_contacts.js';
import * as m021 from './migrations/021_audit.js';
import * as m023 from './migrations/023_ticket_search.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Storage {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** PostgreSQL schema holding Parley's tables (null on SQLite). */
  readonly schema: string | null;
  /** The SQLite handle, for the message writer's prepared statements (null on PostgreSQL). */
  readonly raw: SQLite.Database | null;
  /** Outages of this storage: reported by its drivers, heard by the app (logs, metrics). */
  readonly faults: StorageFaults;
  /** SQLite: how long a write waits for another process's lock (0 on PostgreSQL). */
  readonly lockWaitMs: number;
  close(): Promise<void>;
}

export type StorageOptions =
  | { kind: 'sqlite'; file: string; lockWaitMs?: number }
  | {
      kind: 'postgres';
      url: string;
      schema?: string;
      poolSize?: number;
      connectTimeoutMs?: number;
    };

const BIGINT_OID = 20;

/** How long a SQLite write may wait for another process's lock before it fails loudly. */
export const SQLITE_LOCK_WAIT_MS = 5000;
/** How long getting a PostgreSQL connection may take (a new one, or a free one of the pool). */
export const PG_CONNECT_TIMEOUT_MS = 5000;

export function openStorage(options: StorageOptions): Storage {
  const faults = new StorageFaults();
  if (options.kind === 'sqlite') {
    if (options.file !== ':memory:') fs.mkdirSync(path.dirname(options.file), { recursive: true });
    const sqlite = new SQLite(options.file);
    // Opening may meet another process's lock; nothing else runs yet, so SQLite may wait here.
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('journal_mode = WAL');
    // NORMAL is durable across application crashes with WAL; a power loss may drop the last commits.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    // From now on SQLite never sleeps inside a call (that froze the event loop): a busy
    // database is waited out on timers by the driver and the message writer.
    sqlite.pragma('busy_timeout = 0');
    const lockWaitMs = options.lockWaitMs ?? SQLITE_LOCK_WAIT_MS;
    const db = new Kysely<Database>({
      dialect: new BusyAwareSqliteDialect(sqlite, faults, lockWaitMs),
    });
    return {
      db,
      dialect: 'sqlite',
      schema: null,
      raw: sqlite,
      faults,
      lockWaitMs,
      close: () => db.destroy(),
    };
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // While PostgreSQL is away a request fails after this long instead of waiting forever.
    connectionTimeoutMillis: options.connectTimeoutMs ?? PG_CONNECT_TIMEOUT_MS,
    // A connection whose peer vanished (a failover, a dropped NAT entry) is noticed by TCP.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // Shows in pg_stat_activity, so an operator can tell (and terminate) Parley's sessions.
    application_name: 'parley',
    // Epoch milliseconds fit a JS number; parse bigint columns as numbers, for this pool only.
    types: {
      getTypeParser: (oid: number, format?: string) =>
        oid === BIGINT_OID
          ? (v: string) => Number(v)
          : pg.types.getTypeParser(oid, format as 'text'),
    } as pg.CustomTypesConfig,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // A connection the server terminates (restart, failover, idle timeout, pg_terminate_backend)
  // emits 'error': on the pool while it is idle there, on the client while it is checked out.
  // Unheard, either kills the process. The pool has already dropped an idle one; a checked-out
  // one fails its query (reported then) and is dropped when released. PostgreSQL's own
  // idle_session_timeout (57P05) closing an idle one is no outage.
  pool.on('error', (err) => {
    if ((err as { code?: string }).code !== '57P05')
      faults.report(new StorageUnavailableError('lost', err));
  });
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<Database>({ dialect: new GuardedPostgresDialect(pool, faults) });
  return {
    db,
    dialect: 'postgres',
    schema: options.schema ?? 'public',
    raw: null,
    faults,
    lockWaitMs: 0,
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
  '009_sites': m009,
  '010_sso': m010,
  '011_site_access': m011,
  '012_public_seq': m012,
  '013_search': m013,
  '014_titles_tags': m014,
  '015_tickets': m015,
  '016_search_queue': m016,
  '017_visitor_email': m017,
  '018_search_terms': m018,
  '019_public_seq_unindexed': m019,
  '020_contacts': m020,
  '021_audit': m021,
  '023_ticket_search': m023,
};

/** Every migration's name, in the order they run. */
export const migrationNames: readonly string[] = Object.keys(migrations).sort();

/**
 * Runs every pending migration (or those up to `target`, for tests of one migration over data
 * written before it); throws (with the failing migration's name) if one fails.
 */
export async function migrate(
  db: Kysely<Database>,
  schema: string | null = null,
  target?: string,
): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    // Named explicitly: Kysely otherwise finds its bookkeeping tables in any schema of the
    // database and may skip creating ours.
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await (target
    ? migrator.migrateTo(target)
    : migrator.migrateToLatest());
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, {
      cause: error,
    });
  }
}
