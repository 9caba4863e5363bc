import { fileRemoved, pendingFileRemovals } from '../../storage/privacyErase.js';
import type { Deps } from '../deps.js';

const BATCH = 200;

/**
 * Removes the bytes of files whose rows an erasure deleted (queued in its transaction), then
 * forgets each key. Removing is idempotent, so a crash or a failure only leaves keys for the
 * next run (after the next erasure, and at start-up); no row points at them meanwhile.
 */
export async function removeQueuedFiles(deps: Deps): Promise<number> {
  let removed = 0;
  for (;;) {
    const keys = await pendingFileRemovals(deps.store, BATCH);
    let failed = 0;
    for (const key of keys) {
      try {
        await deps.files.remove(key);
        await fileRemoved(deps.store, key);
        removed++;
      } catch (err) {
        failed++;
        deps.log.warn({ err, key }, 'erasure: file bytes not removed yet');
      }
    }
    if (keys.length < BATCH || failed > 0) return removed;
  }
}
