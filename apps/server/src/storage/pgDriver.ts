import {
  PostgresDialect,
  type CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import type pg from 'pg';
import { StorageUnavailableError } from '../errors.js';
import { pgFault, type StorageFaults } from './faults.js';

function translate(faults: StorageFaults, err: unknown, stage: 'connect' | 'query'): unknown {
  const fault = pgFault(err, stage);
  return fault ? faults.report(new StorageUnavailableError(fault, err)) : err;
}

/** One pooled connection: its errors that mean "PostgreSQL is away" become STORAGE_UNAVAILABLE. */
class GuardedConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly faults: StorageFaults,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.inner.executeQuery<R>(query).then(
      (result) => {
        this.faults.ok();
        return result;
      },
      (err: unknown) => {
        throw translate(this.faults, err, 'query');
      },
    );
  }

  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

/**
 * Kysely's PostgreSQL driver, with every connection error reported to `faults` and thrown as a
 * StorageUnavailableError: sockets ack STORAGE_UNAVAILABLE and REST answers 503 instead of
 * INTERNAL, and the outage is logged once (by the app's observer) rather than per query.
 */
class GuardedDriver implements Driver {
  private readonly wrapped = new WeakMap<DatabaseConnection, GuardedConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly faults: StorageFaults,
  ) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    let connection: DatabaseConnection;
    try {
      connection = await this.inner.acquireConnection();
    } catch (err) {
      throw translate(this.faults, err, 'connect');
    }
    let guarded = this.wrapped.get(connection);
    if (!guarded) {
      guarded = new GuardedConnection(connection, this.faults);
      this.wrapped.set(connection, guarded);
    }
    return guarded;
  }

  // The inner driver runs BEGIN, COMMIT and savepoints through the connection it is given, so
  // passing the guarded one translates their errors too.
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.inner.savepoint!(connection, name, compile);
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.inner.rollbackToSavepoint!(connection, name, compile);
  }

  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return this.inner.releaseSavepoint!(connection, name, compile);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    // The pool drops a client whose connection broke (pg-pool checks it on release).
    return this.inner.releaseConnection((connection as GuardedConnection).inner);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}

export class GuardedPostgresDialect implements Dialect {
  private readonly inner: PostgresDialect;

  constructor(
    pool: pg.Pool,
    private readonly faults: StorageFaults,
  ) {
    this.inner = new PostgresDialect({ pool });
  }

  createDriver(): Driver {
    return new GuardedDriver(this.inner.createDriver(), this.faults);
  }
  createQueryCompiler(): QueryCompiler {
    return this.inner.createQueryCompiler();
  }
  createAdapter(): ReturnType<Dialect['createAdapter']> {
    return this.inner.createAdapter();
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Dialect's own signature
  createIntrospector(db: Kysely<any>): ReturnType<Dialect['createIntrospector']> {
    return this.inner.createIntrospector(db);
  }
}
