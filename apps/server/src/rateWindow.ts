/**
 * At most `limit` events per key within `windowMs`, counted in this process. For abuse limits
 * on cheap-to-send requests (page views, transcript mails); a node restart forgets them.
 */
export class RateWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    /** Keys remembered at most; the oldest is forgotten first. */
    private readonly maxKeys = 10_000,
  ) {}

  /** Counts one event for `key`; false (and not counted) when the limit is reached. */
  allow(key: string, now: number): boolean {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
    return true;
  }
}
