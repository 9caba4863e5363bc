import type { QueueSnapshot } from '../ports/metrics.js';
import type { Store } from './store.js';

/**
 * The waiting line as /metrics reports it: conversations not yet taken by an agent (queued, or
 * offered and not yet accepted) and the wait of the oldest. One indexed read (status, queued_at).
 */
export async function queueStats(db: Store, now: number): Promise<QueueSnapshot> {
  const row = await db
    .selectFrom('conversations')
    .where('status', 'in', ['queued', 'offered'])
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('queued_at').as('oldest')])
    .executeTakeFirstOrThrow();
  const oldest = row.oldest === null ? null : Number(row.oldest);
  return {
    length: Number(row.n),
    longestWaitSeconds: oldest === null ? 0 : Math.max(0, now - oldest) / 1000,
  };
}
