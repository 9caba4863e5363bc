import type { StorageFault, StorageUnavailableError } from '../errors.js';

/** Who hears about outages: the app logs the first failure and counts every one. */
export interface OutageObserver {
  /** The first failure of an outage (logged once, not once per query). */
  down?(err: StorageUnavailableError): void;
  /** Every operation that failed because storage was unavailable, the first one included. */
  failed?(err: StorageUnavailableError): void;
  /** Storage answered again after an outage. */
  up?(outage: { ms: number; failures: number }): void;
}

/**
 * Outage bookkeeping for one storage: the drivers report each failure that means "the
 * database is away" (not a constraint violation or a bad query), and each success ends an
 * outage. Nothing is poisoned by an outage: every operation tries the database afresh.
 */
/** An outage ends with a success at least this long after its last failure (no flapping). */
const SETTLED_MS = 1000;

export class StorageFaults {
  private outage: { since: number; last: number; failures: number } | null = null;
  private readonly observers = new Set<OutageObserver>();

  /** False from an outage's first failure to the success that ends it. */
  get available(): boolean {
    return this.outage === null;
  }

  observe(observer: OutageObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** Records one failed operation; returns the error for the caller to throw. */
  report(err: StorageUnavailableError): StorageUnavailableError {
    const first = this.outage === null;
    const now = Date.now();
    this.outage ??= { since: now, last: now, failures: 0 };
    this.outage.failures += 1;
    this.outage.last = now;
    for (const o of this.observers) {
      try {
        if (first) o.down?.(err);
        o.failed?.(err);
      } catch {
        // An observer (a logger) must not turn a storage error into another one.
      }
    }
    return err;
  }

  /**
   * Storage answered. A single comparison unless there is an outage: fine on every query. A
   * storm of failures and successes (connections terminated one after the other) is one
   * outage: it ends only once a second has gone by without a failure.
   */
  ok(): void {
    if (this.outage === null) return;
    const { since, last, failures } = this.outage;
    const now = Date.now();
    if (now - last < SETTLED_MS) return;
    this.outage = null;
    for (const o of this.observers) {
      try {
        o.up?.({ ms: now - since, failures });
      } catch {
        // As above.
      }
    }
  }
}

// Socket errors of a connection that could not be made or broke.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
// SQLSTATEs that mean the server, not the query: 57P01 admin shutdown (pg_terminate_backend,
// a fast shutdown), 57P02 crash shutdown (an immediate one), 57P03 starting up or shutting
// down, 53300 too many connections; class 08 is "connection exception".
const PG_STATES = new Set(['57P01', '57P02', '57P03', '53300']);
// What pg and pg-pool throw without a code.
const PG_MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /is not queryable/,
  /^Connection ended/,
];

function codeOf(err: unknown): string | null {
  if (typeof err !== 'object' || err === null) return null;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}

/**
 * Whether a pg error means PostgreSQL is away, and how: `stage` is where it happened (getting a
 * connection, or using one). Anything else (a constraint, a syntax error, a serialization
 * failure) is null: the caller's to handle as before.
 */
export function pgFault(err: unknown, stage: 'connect' | 'query'): StorageFault | null {
  const code = codeOf(err);
  const away =
    (code !== null && (NETWORK_CODES.has(code) || PG_STATES.has(code) || code.startsWith('08'))) ||
    (err instanceof AggregateError && err.errors.some((e) => pgFault(e, stage) !== null)) ||
    (err instanceof Error && code === null && PG_MESSAGES.some((m) => m.test(err.message)));
  if (!away) return null;
  return stage === 'connect' ? 'unreachable' : 'lost';
}
