import type { ErrorResponse, VisitorSessionResponse } from '@parley/protocol';
import { RequestError } from './transport';

/** `POST /api/v1/widget/sessions`: a new anonymous visitor identity for this site. */
export type SessionApi = (siteKey: string) => Promise<VisitorSessionResponse>;

export const createSession: SessionApi = async (siteKey) => {
  let res: Response;
  try {
    res = await fetch('/api/v1/widget/sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ siteKey }),
      credentials: 'omit',
    });
  } catch {
    throw new RequestError('DISCONNECTED');
  }
  const body = (await res.json().catch(() => null)) as
    VisitorSessionResponse | ErrorResponse | null;
  if (res.ok && body && 'token' in body && typeof body.token === 'string') return body;
  const code =
    body && 'error' in body
      ? body.error.code
      : res.status >= 500
        ? 'INTERNAL'
        : 'VALIDATION_FAILED';
  throw new RequestError(code);
};
