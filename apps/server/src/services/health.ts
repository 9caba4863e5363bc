import { logLevelFor } from '../errors.js';
import { pingDatabase } from '../storage/health.js';
import type { Deps } from './deps.js';

/** A probe that gets no answer within this long counts as storage down. */
const PROBE_TIMEOUT_MS = 2000;

/** Whether the database answers a trivial query within PROBE_TIMEOUT_MS. */
export async function storageUp(deps: Deps): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      pingDatabase(deps.store).then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS);
      }),
    ]);
  } catch (err) {
    // An outage is logged once by the storage layer, not at every probe of a balancer.
    deps.log[logLevelFor(err, 'warn')]({ err }, 'health check: storage down');
    return false;
  } finally {
    clearTimeout(timer);
  }
}
