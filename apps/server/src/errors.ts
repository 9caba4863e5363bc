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

/** Anything else becomes INTERNAL: internal error text never reaches a client. */
export function toErrorBody(err: unknown): ErrorBody {
  if (err instanceof AppError) return err.toBody();
  return { code: 'INTERNAL', message: errorCatalog.INTERNAL.message };
}

export function notFound(what = 'Not found.'): AppError {
  return new AppError('NOT_FOUND', what);
}
