import type { AttachmentRow } from './schema.js';
import type { Store } from './store.js';

/** A file that was not purged. */
export function findLiveFile(db: Store, id: string): Promise<AttachmentRow | undefined> {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function insertFile(db: Store, row: AttachmentRow): Promise<void> {
  await db.insertInto('attachments').values(row).execute();
}

export async function deleteFile(db: Store, id: string): Promise<void> {
  await db.deleteFrom('attachments').where('id', '=', id).execute();
}

/** The chat's files that were not purged, with where their bytes are. */
export function liveFilesOf(
  db: Store,
  conversationId: string,
): Promise<Array<Pick<AttachmentRow, 'id' | 'storage_key'>>> {
  return db
    .selectFrom('attachments')
    .select(['id', 'storage_key'])
    .where('conversation_id', '=', conversationId)
    .where('deleted_at', 'is', null)
    .execute();
}

/** The file's bytes are gone: the row stays, marked. */
export async function markFilePurged(db: Store, id: string, now: number): Promise<void> {
  await db.updateTable('attachments').set({ deleted_at: now }).where('id', '=', id).execute();
}

/** Up to 100 chats closed at or before `cutoff` that still hold files. */
export async function closedChatsWithFiles(db: Store, cutoff: number): Promise<string[]> {
  const due = await db
    .selectFrom('attachments as f')
    .innerJoin('conversations as c', 'c.id', 'f.conversation_id')
    .select('c.id')
    .distinct()
    .where('f.deleted_at', 'is', null)
    .where('c.status', '=', 'closed')
    .where('c.closed_at', '<=', cutoff)
    .limit(100)
    .execute();
  return due.map((c) => c.id);
}

/** Files and bytes uploaded, for a visitor's quota. */
export interface UploadTotals {
  files: number;
  bytes: number;
}

function totals(row: { files: number | string | bigint; bytes: number | string | null }) {
  return { files: Number(row.files), bytes: Number(row.bytes ?? 0) };
}

/**
 * What visitors uploaded to one conversation, and what this visitor uploaded to any of theirs
 * since `since`. From the table every node shares: the quota holds across a cluster.
 */
export async function visitorUploadTotals(
  db: Store,
  visitorId: string,
  conversationId: string,
  since: number,
): Promise<[UploadTotals, UploadTotals]> {
  const [inChat, inDay] = await Promise.all([
    db
      .selectFrom('attachments')
      .select((eb) => [eb.fn.countAll<number>().as('files'), eb.fn.sum<number>('size').as('bytes')])
      .where('conversation_id', '=', conversationId)
      .where('uploader_type', '=', 'visitor')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('attachments as a')
      .innerJoin('conversations as c', 'c.id', 'a.conversation_id')
      .select((eb) => [
        eb.fn.countAll<number>().as('files'),
        eb.fn.sum<number>('a.size').as('bytes'),
      ])
      .where('c.visitor_id', '=', visitorId)
      .where('a.uploader_type', '=', 'visitor')
      .where('a.created_at', '>', since)
      .executeTakeFirstOrThrow(),
  ]);
  return [totals(inChat), totals(inDay)];
}
