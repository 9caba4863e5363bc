import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import { logLevelFor } from '../errors.js';
import type { Leadership } from '../ports/leadership.js';
import type { Database } from './schema.js';

const CHECK_MS = 2000;
const ANSWER_WITHIN_MS = 3000;

/**
 * Leadership by a PostgreSQL session advisory lock, keyed by the schema so two Parley
 * installations on one server do not compete. The leader holds one pooled connection for as
 * long as it leads and checks it every CHECK_MS; when that connection breaks, PostgreSQL frees
 * the lock and another node takes it at its next attempt (within about 2 s of noticing).
 *
 * Fencing: a leader that cannot confirm its connection within ANSWER_WITHIN_MS stops leading at
 * once, before PostgreSQL can have handed the lock on. Should two nodes still overlap for a
 * moment, the timed work is idempotent: every step is a conditional UPDATE that only one of
 * them can win.
 */
export class PgLeadership implements Leadership {
  private leading = false;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: Logger,
    private readonly onChange: (leading: boolean) => void = () => undefined,
  ) {}

  isLeader(): boolean {
    return this.leading;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
  }

  private setLeading(leading: boolean): void {
    if (this.leading === leading) return;
    this.leading = leading;
    this.log.info({ leader: leading }, leading ? 'became leader' : 'stopped leading');
    this.onChange(leading);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      t.unref();
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = done;
    });
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.db.connection().execute((conn) => this.holdWhileLeading(conn));
      } catch (err) {
        // An outage is logged once by the storage layer, not at every attempt.
        if (!this.stopping)
          this.log[logLevelFor(err, 'warn')]({ err }, 'leader lock connection failed');
      }
      this.setLeading(false);
      if (!this.stopping) await this.pause(CHECK_MS);
    }
  }

  /** Tries the lock on this connection; while it holds it, keeps confirming the connection. */
  private async holdWhileLeading(conn: Kysely<Database>): Promise<void> {
    const key = sql`hashtext('parley.leader:' || current_schema())`;
    const got = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${key}) as ok`.execute(conn);
    if (!got.rows[0]?.ok) return;
    this.setLeading(true);
    try {
      while (!this.stopping) {
        await this.pause(CHECK_MS);
        if (this.stopping) break;
        let timer: NodeJS.Timeout | undefined;
        const check = sql`select 1`.execute(conn);
        const answered = await Promise.race([
          check.then(() => true),
          new Promise<false>((resolve) => {
            timer = setTimeout(() => resolve(false), ANSWER_WITHIN_MS);
          }),
        ]).finally(() => clearTimeout(timer));
        if (!answered) {
          this.setLeading(false);
          this.log.warn('leader lock connection did not answer; stepped down');
          // The connection goes back to the pool only once its query ended; if it was merely
          // slow, give the lock up so that leading is decided afresh.
          await check;
          await sql`select pg_advisory_unlock(${key})`.execute(conn);
          return;
        }
      }
    } finally {
      if (this.stopping && this.leading) {
        this.setLeading(false);
        await sql`select pg_advisory_unlock(${key})`.execute(conn).catch(() => undefined);
      }
    }
  }
}
