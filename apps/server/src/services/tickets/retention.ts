import { inTransaction } from '../../storage/store.js';
import { deleteTickets, expiredTicketIds } from '../../storage/ticketRetention.js';
import type { Deps } from '../deps.js';
import { getSettings } from '../settings/settings.js';

/** Tickets deleted per batch, so one purge never holds the database for long. */
const BATCH = 100;

/**
 * Retention: solved and closed tickets are deleted `ticketRetentionDays` after their last
 * change, with their messages and files (the stored bytes removed after the rows). 0 keeps them.
 * Runs on the leader's routing tick, with the other purges.
 */
export async function purgeExpiredTickets(deps: Deps): Promise<number> {
  const { ticketRetentionDays } = await getSettings(deps);
  if (ticketRetentionDays === 0) return 0;
  const cutoff = deps.clock.now() - ticketRetentionDays * 86_400_000;
  const ids = await expiredTicketIds(deps.store, cutoff, BATCH);
  if (ids.length === 0) return 0;
  const keys = await inTransaction(deps.store, (tx) => deleteTickets(tx, ids));
  for (const key of keys) {
    try {
      await deps.files.remove(key);
    } catch (err) {
      deps.log.warn({ err }, 'a purged ticket file could not be removed');
    }
  }
  return ids.length;
}
