import type { SessionApi } from './session';
import { keys, type KeyValue } from './storage';
import { RequestError } from './transport';
import { FATAL_CODES } from './types';

const backoff = (attempt: number) => Math.min(30_000, 1000 * 2 ** attempt);

interface IdentityDeps {
  siteKey: string;
  storage: KeyValue;
  createSession: SessionApi;
  sleep: (ms: number) => Promise<void>;
  /** False once the store is disposed: stop retrying. */
  alive: () => boolean;
}

/**
 * The anonymous visitor token: kept per site, created on first need, and replaced once if the
 * server no longer knows it (its database was reset), so the visitor is never stuck.
 */
export class VisitorIdentity {
  private renewed = false;

  constructor(private readonly deps: IdentityDeps) {}

  stored(): string | null {
    return this.deps.storage.get(keys.token(this.deps.siteKey));
  }

  /** A new session, retried with backoff; a code that waiting will not fix is returned. */
  async create(): Promise<{ token: string } | { error: string }> {
    for (let attempt = 0; this.deps.alive(); attempt++) {
      try {
        const { token } = await this.deps.createSession(this.deps.siteKey);
        this.deps.storage.set(keys.token(this.deps.siteKey), token);
        return { token };
      } catch (err) {
        const code = err instanceof RequestError ? err.code : 'INTERNAL';
        if (FATAL_CODES.has(code)) return { error: code };
        await this.deps.sleep(backoff(attempt));
      }
    }
    return { error: 'DISPOSED' };
  }

  /** Forgets a refused token; false when it was already replaced once. */
  forgetRefused(): boolean {
    if (this.renewed) return false;
    this.renewed = true;
    this.deps.storage.remove(keys.token(this.deps.siteKey));
    return true;
  }
}
