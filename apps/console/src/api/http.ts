import {
  API_PREFIX,
  CSRF_HEADER,
  isErrorCode,
  type ErrorCode,
  type ErrorResponse,
} from '@parley/protocol';

/** A failed API call. `code` is a protocol error code, or NETWORK when no answer came back. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    /** Field-level problems (VALIDATION_FAILED): field path -> message. */
    readonly details: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Required on every state-changing request made with the session cookie. */
  csrfToken?: string;
}

function isErrorResponse(value: unknown): value is ErrorResponse {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' && error !== null && isErrorCode((error as { code?: unknown }).code)
  );
}

/** Calls the REST API on the same origin and returns the parsed JSON body (undefined on 204). */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.csrfToken) headers[CSRF_HEADER] = options.csrfToken;

  let response: Response;
  try {
    response = await fetch(`${API_PREFIX}${path}`, {
      method: options.method ?? 'GET',
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Cannot reach the server. Check your connection.');
  }

  if (response.status === 204) return undefined as T;
  const payload: unknown = await response.json().catch(() => null);
  if (response.ok) return payload as T;
  if (isErrorResponse(payload)) {
    const { code, message, details } = payload.error;
    throw new ApiError(response.status, code, message, details ?? {});
  }
  throw new ApiError(
    response.status,
    'INTERNAL',
    `The server answered with status ${response.status}.`,
  );
}
