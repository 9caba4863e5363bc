/**
 * At most `limit` events per key within `windowMs`, counted in this process: a sliding window
 * that keeps, per key, the times of the last `limit` events in a ring, so a check costs the
 * same whatever the limit. A node restart forgets them.
 */
export class RateWindow {
  private readonly hits = new Map<string, { times: number[]; head: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    /** Keys remembered at most; the least recently used is forgotten first. */
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts one event for `key`; false (and not counted) when the limit is reached. */
  allow(key: string, now: number): boolean {
    if (this.wait(key, now) > 0) return false;
    this.hit(key, now);
    return true;
  }

  /** Milliseconds until `key` may act again; 0 when it may now. Counts nothing. */
  wait(key: string, now: number): number {
    const h = this.hits.get(key);
    if (!h || h.times.length < this.limit) return 0;
    // The ring is full: its oldest entry is the limit-th most recent event.
    return Math.max(0, h.times[h.head]! + this.windowMs - now);
  }

  /** Counts one event for `key`, whatever the count (after wait() said 0). */
  hit(key: string, now: number): void {
    let h = this.hits.get(key);
    if (h) this.hits.delete(key);
    else h = { times: [], head: 0 };
    if (h.times.length < this.limit) h.times.push(now);
    else {
      h.times[h.head] = now;
      h.head = (h.head + 1) % this.limit;
    }
    this.hits.set(key, h);
    if (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
  }
}
