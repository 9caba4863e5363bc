import type BetterSqlite from 'better-sqlite3';
import type { Storage } from './database.js';
import { wordsOf } from './searchPending.js';
import { isBusy } from './sqliteDriver.js';

/**
 * Messages moved into FTS5 per transaction. FTS5 writes a segment at every commit, so a batch
 * shares that cost among many messages; small enough that a send queued behind it waits a few
 * milliseconds at most.
 */
export const INDEX_BATCH = 500;
/** How often the indexer looks for pending messages; searches see them meanwhile anyway. */
export const INDEX_INTERVAL_MS = 250;
/** Words the indexer remembers having stored, at most (a few MB). */
const KNOWN_WORDS = 100_000;

interface Statements {
  begin: BetterSqlite.Statement;
  commit: BetterSqlite.Statement;
  rollback: BetterSqlite.Statement;
  upto: BetterSqlite.Statement;
  bodies: BetterSqlite.Statement;
  term: BetterSqlite.Statement;
  index: BetterSqlite.Statement;
  forget: BetterSqlite.Statement;
}

type Reporter = (err: unknown) => void;

/**
 * SQLite only: moves the messages the `search_pending` trigger queued (migration 016) into the
 * FTS5 index, oldest first, a batch per transaction, so an entry leaves the queue in the same
 * commit that indexes it, and adds their words to `search_terms` (migration 018). Started with the app; whatever a crash left pending is indexed at
 * the next start. On PostgreSQL it does nothing: the GIN index is kept with the row.
 */
export class SearchIndexer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;
  private failing = false;
  private statements: Statements | null = null;
  /**
   * Words already in `search_terms`, which only grows: most words of a message were seen
   * before, and skipping them saves a lookup each. Bounded; forgetting one only costs a lookup.
   */
  private readonly knownWords = new Set<string>();

  constructor(
    private readonly storage: Storage,
    private readonly report: Reporter,
    private readonly intervalMs = INDEX_INTERVAL_MS,
  ) {}

  start(): void {
    if (!this.storage.raw || this.stopped) return;
    this.schedule(0);
  }

  /** Indexes everything pending now; resolves with how many messages it indexed. */
  drain(): Promise<number> {
    this.running ??= this.drainAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Stops the timer and waits for a batch in progress; what is pending stays pending. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private remember(word: string): void {
    if (this.knownWords.size >= KNOWN_WORDS) this.knownWords.clear();
    this.knownWords.add(word);
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.drain()
        .then(() => {
          this.failing = false;
        })
        .catch((err: unknown) => {
          // Reported once per outage, not at every tick while the disk stays full.
          if (!this.failing) this.report(err);
          this.failing = true;
        })
        .finally(() => {
          if (!this.stopped) this.schedule(this.intervalMs);
        });
    }, ms);
    this.timer.unref();
  }

  private async drainAll(): Promise<number> {
    let total = 0;
    for (;;) {
      if (this.stopped && total > 0) return total;
      const moved = await this.batch();
      if (moved === 'busy') return total;
      total += moved;
      if (moved < INDEX_BATCH) return total;
      // Sends waiting for the connection go first, between two batches.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private batch(): Promise<number | 'busy'> {
    const raw = this.storage.raw;
    if (!raw) return Promise.resolve(0);
    const s = (this.statements ??= prepare(raw));
    // Holding Kysely's connection keeps every other query out while the raw statements run.
    return this.storage.db.connection().execute(async () => {
      await Promise.resolve();
      try {
        s.begin.run();
      } catch (err) {
        // Another process holds the write lock: the next tick tries again.
        if (isBusy(err)) return 'busy' as const;
        throw err;
      }
      try {
        const { upto } = s.upto.get(INDEX_BATCH) as { upto: number | null };
        let moved = 0;
        const stored: string[] = [];
        if (upto !== null) {
          const words = new Set<string>();
          for (const { body } of s.bodies.all(upto) as Array<{ body: string }>)
            for (const w of wordsOf(body)) if (!this.knownWords.has(w)) words.add(w);
          for (const w of words) s.term.run(w);
          stored.push(...words);
          s.index.run(upto);
          moved = s.forget.run(upto).changes;
        }
        s.commit.run();
        // Remembered once committed: a batch rolled back stored none of them.
        for (const w of stored) this.remember(w);
        return moved;
      } catch (err) {
        if (raw.inTransaction) s.rollback.run();
        throw err;
      }
    });
  }
}

function prepare(raw: BetterSqlite.Database): Statements {
  return {
    begin: raw.prepare('BEGIN IMMEDIATE'),
    commit: raw.prepare('COMMIT'),
    rollback: raw.prepare('ROLLBACK'),
    upto: raw.prepare(
      'SELECT max(rowid) AS upto FROM (SELECT rowid FROM search_pending ORDER BY rowid LIMIT ?)',
    ),
    bodies: raw.prepare(
      `SELECT m.body FROM search_pending p JOIN messages m ON m.id = p.message_id WHERE p.rowid <= ?`,
    ),
    // The words search checks typo spellings against (migration 018).
    term: raw.prepare('INSERT OR IGNORE INTO search_terms (term) VALUES (?)'),
    // A message gone meanwhile (none is deleted today) simply leaves the queue unindexed.
    index: raw.prepare(
      `INSERT INTO message_search (body, message_id)
       SELECT m.body, m.id FROM search_pending p JOIN messages m ON m.id = p.message_id
       WHERE p.rowid <= ? ORDER BY p.rowid`,
    ),
    forget: raw.prepare('DELETE FROM search_pending WHERE rowid <= ?'),
  };
}
