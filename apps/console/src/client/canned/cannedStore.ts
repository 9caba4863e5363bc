import type { CannedResponse } from '@parley/protocol';

export interface CannedSnapshot {
  responses: readonly CannedResponse[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
}

/**
 * The saved replies this agent may use (own, their departments', the organisation's), loaded
 * once on first use and refreshed after every change made from this console.
 */
export class CannedStore {
  private snap: CannedSnapshot = { responses: [], status: 'idle', error: null };
  private readonly listeners = new Set<() => void>();
  private inFlight: Promise<void> | null = null;

  constructor(private readonly fetchAll: () => Promise<CannedResponse[]>) {}

  readonly subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };

  readonly snapshot = (): CannedSnapshot => this.snap;

  private set(next: CannedSnapshot) {
    this.snap = next;
    for (const l of this.listeners) l();
  }

  /** Loads unless already loaded (or loading). */
  ensure(): void {
    if (this.snap.status === 'idle' || this.snap.status === 'error') void this.reload();
  }

  reload(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    this.set({ ...this.snap, status: this.snap.status === 'ready' ? 'ready' : 'loading' });
    this.inFlight = this.fetchAll()
      .then(
        (responses) => this.set({ responses, status: 'ready', error: null }),
        (err: unknown) =>
          this.set({
            ...this.snap,
            status: 'error',
            error: err instanceof Error ? err.message : 'Could not load saved replies',
          }),
      )
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  /** Applies a change made here at once (the server answered with the stored record). */
  upsert(r: CannedResponse): void {
    const rest = this.snap.responses.filter((x) => x.id !== r.id);
    this.set({ ...this.snap, responses: [...rest, r] });
  }

  removeLocal(id: string): void {
    this.set({ ...this.snap, responses: this.snap.responses.filter((x) => x.id !== id) });
  }
}
