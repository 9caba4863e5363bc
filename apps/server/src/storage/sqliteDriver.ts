import type SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { StorageUnavailableError } from '../errors.js';
import type { StorageFaults } from './faults.js';

/**
 * SQLite's own busy handler (`busy_timeout`) sleeps inside the call: better-sqlite3 is
 * synchronous, so while another process held the write lock the whole event loop stood still
 * (health checks took 9 s during a 10 s lock). Parley sets `busy_timeout = 0` and waits here
 * instead, on timers: 2, 4, 8 ... 50 ms between attempts, until the deadline.
 */
const FIRST_WAIT_MS = 2;
const LONGEST_WAIT_MS = 50;

export const BUSY = Symbol('busy');
export type Busy = typeof BUSY;

/** SQLITE_BUSY and its extended codes: another connection holds a lock we need. */
export function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Calls `attempt` again on a back-off until it returns something other than BUSY; after
 * `deadline` (epoch ms) it throws STORAGE_UNAVAILABLE ('locked'), reported to `faults`.
 * Only the busy path comes here: the first attempt is the caller's own, without a timer.
 */
export async function waitOutBusy<T>(
  attempt: () => T | Busy | Promise<T | Busy>,
  deadline: number,
  faults: StorageFaults,
  cause: unknown,
): Promise<T> {
  for (let wait = FIRST_WAIT_MS; ; wait = Math.min(wait * 2, LONGEST_WAIT_MS)) {
    const left = deadline - Date.now();
    if (left <= 0) throw faults.report(new StorageUnavailableError('locked', cause));
    await sleep(Math.min(wait, left));
    const result = await attempt();
    if (result !== BUSY) {
      faults.ok();
      return result;
    }
  }
}

/**
 * Kysely's SQLite driver prepared every query anew; preparing showed up as a fifth of the
 * server's busy time under load. This keeps the most recently used statements. Safe because
 * queries run one at a time on the single connection, and SQLite re-prepares a statement by
 * itself after a schema change.
 */
function statementCache(sqlite: SQLite.Database, max = 1000): (sql: string) => SQLite.Statement {
  const cache = new Map<string, SQLite.Statement>();
  return (sql) => {
    let stmt = cache.get(sql);
    if (stmt) cache.delete(sql);
    else {
      stmt = sqlite.prepare(sql);
      if (cache.size >= max) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, stmt);
    return stmt;
  };
}

/** The single connection's mutex, as in Kysely's driver: one query or transaction at a time. */
class Mutex {
  private held: Promise<void> | null = null;
  private release: (() => void) | null = null;

  async lock(): Promise<void> {
    while (this.held) await this.held;
    this.held = new Promise((resolve) => (this.release = resolve));
  }

  unlock(): void {
    const release = this.release;
    this.held = null;
    this.release = null;
    release?.();
  }
}

class BusyAwareConnection implements DatabaseConnection {
  constructor(private readonly driver: BusyAwareSqliteDriver) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return Promise.resolve(this.driver.run<R>(query));
    } catch (err) {
      return this.driver.afterBusy(err, () => this.driver.run<R>(query));
    }
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    if (!SelectQueryNode.is(query.query))
      throw new Error('Sqlite driver only supports streaming of select queries');
    for (const row of this.driver.prepare(query.sql).iterate(query.parameters))
      yield { rows: [row as R] };
  }
}

/**
 * Like Kysely's SqliteDriver (one connection behind a mutex), but a locked database never
 * blocks the event loop: SQLITE_BUSY is waited out on timers, with the mutex released between
 * attempts so other queries (reads, which WAL never blocks) go on meanwhile. Transactions begin
 * IMMEDIATE, so a held lock is met at BEGIN, before anything was written, and no statement
 * inside a transaction can then be refused; after the deadline the transaction (or statement)
 * fails whole with STORAGE_UNAVAILABLE.
 */
export class BusyAwareSqliteDriver implements Driver {
  readonly prepare: (sql: string) => SQLite.Statement;
  private readonly mutex = new Mutex();
  private readonly connection = new BusyAwareConnection(this);
  private readonly beginImmediate: SQLite.Statement;
  private readonly beginDeferred: SQLite.Statement;
  private readonly commit: SQLite.Statement;
  private readonly rollback: SQLite.Statement;

  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly faults: StorageFaults,
    /** How long an operation may wait for another process's lock. */
    private readonly waitMs: number,
  ) {
    this.prepare = statementCache(sqlite);
    this.beginImmediate = sqlite.prepare('BEGIN IMMEDIATE');
    this.beginDeferred = sqlite.prepare('BEGIN');
    this.commit = sqlite.prepare('COMMIT');
    this.rollback = sqlite.prepare('ROLLBACK');
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.mutex.lock();
    return this.connection;
  }

  /** One statement, synchronously: the fast path, as Kysely's driver runs it. */
  run<R>(query: CompiledQuery): QueryResult<R> {
    const stmt = this.prepare(query.sql);
    if (stmt.reader) return { rows: stmt.all(query.parameters) as R[] };
    const { changes, lastInsertRowid } = stmt.run(query.parameters);
    // A write went through: if another process's lock had made writes fail, that is over.
    this.faults.ok();
    return {
      numAffectedRows: changes !== undefined && changes !== null ? BigInt(changes) : undefined,
      insertId:
        lastInsertRowid !== undefined && lastInsertRowid !== null
          ? BigInt(lastInsertRowid)
          : undefined,
      rows: [],
    };
  }

  /**
   * A statement failed with `err`, while the caller holds the mutex. Outside a transaction a
   * busy statement is retried (SQLite's advice); inside one it is not (the transaction must be
   * rolled back), and with BEGIN IMMEDIATE that only a COMMIT could meet, which may be retried.
   */
  afterBusy<T>(err: unknown, again: () => T, isCommit = false): Promise<T> {
    if (!isBusy(err)) return Promise.reject(err);
    if (this.sqlite.inTransaction && !isCommit)
      return Promise.reject(this.faults.report(new StorageUnavailableError('locked', err)));
    return this.retry(again, err, !this.sqlite.inTransaction);
  }

  /** Waits out the lock; gives the mutex up between attempts unless a transaction is open. */
  private async retry<T>(again: () => T, cause: unknown, yieldMutex: boolean): Promise<T> {
    let held = !yieldMutex;
    if (yieldMutex) this.mutex.unlock();
    try {
      return await waitOutBusy(
        async () => {
          if (!held) {
            await this.mutex.lock();
            held = true;
          }
          try {
            return again();
          } catch (err) {
            if (!isBusy(err)) throw err;
            if (yieldMutex) {
              this.mutex.unlock();
              held = false;
            }
            return BUSY;
          }
        },
        Date.now() + this.waitMs,
        this.faults,
        cause,
      );
    } finally {
      // The caller releases the connection afterwards, as after any query.
      if (!held) await this.mutex.lock();
    }
  }

  async beginTransaction(
    _connection: DatabaseConnection,
    settings: TransactionSettings,
  ): Promise<void> {
    const begin = settings.accessMode === 'read only' ? this.beginDeferred : this.beginImmediate;
    try {
      begin.run();
    } catch (err) {
      await this.afterBusy(err, () => begin.run());
      return;
    }
    this.faults.ok();
  }

  async commitTransaction(): Promise<void> {
    try {
      this.commit.run();
    } catch (err) {
      await this.afterBusy(err, () => this.commit.run(), true);
    }
  }

  async rollbackTransaction(): Promise<void> {
    // SQLite may have rolled back by itself already (after some errors); then there is none.
    if (this.sqlite.inTransaction) this.rollback.run();
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quote(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quote(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quote(name)}`));
  }

  async releaseConnection(): Promise<void> {
    this.mutex.unlock();
  }

  async destroy(): Promise<void> {
    this.sqlite.close();
  }
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

export class BusyAwareSqliteDialect implements Dialect {
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly faults: StorageFaults,
    private readonly waitMs: number,
  ) {}

  createDriver(): Driver {
    return new BusyAwareSqliteDriver(this.sqlite, this.faults, this.waitMs);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Dialect's own signature
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
