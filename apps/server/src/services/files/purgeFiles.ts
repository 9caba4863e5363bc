import { closedChatsWithFiles, liveFilesOf, markFilePurged } from '../../storage/attachments.js';
import type { Deps } from '../deps.js';
import { getSettings } from '../settings/settings.js';

/** Removes files of one conversation (stored bytes first, then marks the rows). */
export async function purgeConversationFiles(deps: Deps, conversationId: string): Promise<number> {
  const files = await liveFilesOf(deps.store, conversationId);
  for (const f of files) {
    await deps.files.remove(f.storage_key);
    await markFilePurged(deps.store, f.id, deps.clock.now());
  }
  return files.length;
}

/** Retention: a closed chat keeps its files for `fileRetentionDays`, or none with 0. */
export async function purgeExpiredFiles(deps: Deps): Promise<number> {
  const { fileRetentionDays } = await getSettings(deps);
  const cutoff = deps.clock.now() - fileRetentionDays * 86_400_000;
  const due = await closedChatsWithFiles(deps.store, cutoff);
  let removed = 0;
  for (const id of due) removed += await purgeConversationFiles(deps, id);
  return removed;
}
