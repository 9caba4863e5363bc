import type { SiteStore } from './persist';

/** An error of the Parley API as `Parley.identify` rejects with it: `.code` is the ErrorCode. */
export type ApiError = Error & { code: string };

function apiError(body: unknown, fallback: string): ApiError {
  const e = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof e?.code === 'string' ? e.code : fallback;
  return Object.assign(new Error(typeof e?.message === 'string' ? e.message : code), { code });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The visitor token. The loader owns it (in the host page's storage) so that page views are
 * reported on every page without loading the chat; the frame is handed it after 'ready'.
 */
export class Session {
  private creating: Promise<string> | null = null;

  constructor(
    private readonly origin: string,
    private readonly siteKey: string,
    private readonly store: SiteStore,
    /** A new token was made (first visit, or the old one was refused): the frame must hear of it. */
    private readonly onNew: (token: string) => void = () => undefined,
    private readonly http: typeof fetch = (...a) => fetch(...a),
  ) {}

  /** The stored token, or a new session (retried while the network or the server is down). */
  token(): Promise<string> {
    const stored = this.store.get('token');
    return stored ? Promise.resolve(stored) : (this.creating ??= this.create());
  }

  /** `stale` was refused: a new session, unless another caller has already replaced it. */
  renew(stale: string): Promise<string> {
    if (this.store.get('token') === stale) this.store.set('token', null);
    return this.token();
  }

  private async create(): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      let body: unknown = null;
      let status = 0;
      try {
        const res = await this.http(`${this.origin}/api/v1/widget/sessions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ siteKey: this.siteKey }),
          credentials: 'omit',
        });
        status = res.status;
        body = await res.json().catch(() => null);
      } catch {
        // Offline: try again below.
      }
      const token = (body as { token?: unknown } | null)?.token;
      if (status >= 200 && status < 300 && typeof token === 'string') {
        this.creating = null;
        this.store.set('token', token);
        this.onNew(token);
        return token;
      }
      // Refused (chat off, banned, unknown site): waiting will not change the answer.
      if (status >= 400 && status < 500 && status !== 429) {
        this.creating = null;
        throw apiError(body, 'INTERNAL');
      }
      await sleep(Math.min(30_000, 1000 * 2 ** attempt));
    }
  }

  /** `Parley.identify(...)`: resolves with the visitor as the server now knows them. */
  async identify(input: unknown, retried = false): Promise<unknown> {
    const token = await this.token();
    let res: Response;
    try {
      res = await this.http(`${this.origin}/api/v1/widget/identify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {}),
        credentials: 'omit',
      });
    } catch {
      throw apiError(null, 'NETWORK');
    }
    const body = (await res.json().catch(() => null)) as { visitor?: unknown } | null;
    if (res.ok) return body?.visitor;
    if (res.status === 401 && !retried && apiError(body, '').code === 'UNAUTHENTICATED') {
      await this.renew(token);
      return this.identify(input, true);
    }
    throw apiError(body, 'INTERNAL');
  }
}
