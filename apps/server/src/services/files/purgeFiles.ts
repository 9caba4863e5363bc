import type { Deps } from '../deps.js';
import { getSettings } from '../settings/settings.js';

/** Removes files of one conversation (stored bytes first, then marks the rows). */
export async function purgeConversationFiles(deps: Deps, conversationId: string): Promise<number> {
  const files = await deps.store
    .selectFrom('attachments')
    .select(['id', 'storage_key'])
    .where('conversation_id', '=', conversationId)
    .where('deleted_at', 'is', null)
    .execute();
  for (const f of files) {
    await deps.files.remove(f.storage_key);
    await deps.store
      .updateTable('attachments')
      .set({ deleted_at: deps.clock.now() })
      .where('id', '=', f.id)
      .execute();
  }
  return files.length;
}

/** Retention: a closed chat keeps its files for `fileRetentionDays`, or none with 0. */
export async function purgeExpiredFiles(deps: Deps): Promise<number> {
  const { fileRetentionDays } = await getSettings(deps);
  const cutoff = deps.clock.now() - fileRetentionDays * 86_400_000;
  const due = await deps.store
    .selectFrom('attachments as f')
    .innerJoin('conversations as c', 'c.id', 'f.conversation_id')
    .select('c.id')
    .distinct()
    .where('f.deleted_at', 'is', null)
    .where('c.status', '=', 'closed')
    .where('c.closed_at', '<=', cutoff)
    .limit(100)
    .execute();
  let removed = 0;
  for (const c of due) removed += await purgeConversationFiles(deps, c.id);
  return removed;
}
