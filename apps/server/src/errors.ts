import { errorCatalog, type ErrorBody, type ErrorCode } from '@parley/protocol';

/** An error meant for the client: a stable code, a human message, optional field details. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: Record<string, string>,
  ) {
    super(message ?? errorCatalog[code].message);
    this.name = 'AppError';
    this.status = errorCatalog[code].status;
  }

  toBody(): ErrorBody {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

/** Why storage could not be used: how the writer decides whether another attempt may help. */
export type StorageFault =
  /** No connection could be had (refused, timed out, the server is starting or stopping). */
  | 'unreachable'
  /** A connection broke while in use (terminated by the server, reset): a new one may work. */
  | 'lost'
  /** Another process held SQLite's write lock for longer than the wait allowed. */
  | 'locked';

/**
 * The database is away or locked: the operation did not happen (or, for a commit whose answer
 * was lost, may have happened; a retry with the same clientId finds it). Clients see
 * STORAGE_UNAVAILABLE (503); the storage layer reports the outage once, so handlers need not log.
 */
export class StorageUnavailableError extends AppError {
  constructor(
    readonly fault: StorageFault,
    cause?: unknown,
  ) {
    super('STORAGE_UNAVAILABLE');
    this.name = 'StorageUnavailableError';
    if (cause !== undefined) this.cause = cause;
  }
}

/**
 * The level to log a failure at: a storage outage is logged once, when it begins, by the
 * storage layer, so each operation it fails is only worth a debug line.
 */
export function logLevelFor<L extends 'warn' | 'error'>(err: unknown, level: L): L | 'debug' {
  return err instanceof StorageUnavailableError ? 'debug' : level;
}

/** Anything else becomes INTERNAL: internal error text never reaches a client. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  return { code: 'INTERNAL', message: errorCatalog.INTERNAL.message };
}

export function notFound(what = 'Not found.'): AppError {
  return new AppError('NOT_FOUND', what);
}
