import { UPLOAD_QUOTA_DAY_MS } from '../../domain/visitorLimits.js';
import { AppError } from '../../errors.js';
import type { Deps } from '../deps.js';

const MB = 1024 * 1024;

interface Used {
  files: number;
  bytes: number;
}

/** What a visitor uploaded: to one conversation, and to any of theirs within the last day. */
async function used(deps: Deps, visitorId: string, conversationId: string): Promise<[Used, Used]> {
  // From the attachments table that every node shares: the quota holds across a cluster.
  const total = (rows: { files: number | string | bigint; bytes: number | string | null }) => ({
    files: Number(rows.files),
    bytes: Number(rows.bytes ?? 0),
  });
  const [inChat, inDay] = await Promise.all([
    deps.store
      .selectFrom('attachments')
      .select((eb) => [eb.fn.countAll<number>().as('files'), eb.fn.sum<number>('size').as('bytes')])
      .where('conversation_id', '=', conversationId)
      .where('uploader_type', '=', 'visitor')
      .executeTakeFirstOrThrow(),
    deps.store
      .selectFrom('attachments as a')
      .innerJoin('conversations as c', 'c.id', 'a.conversation_id')
      .select((eb) => [
        eb.fn.countAll<number>().as('files'),
        eb.fn.sum<number>('a.size').as('bytes'),
      ])
      .where('c.visitor_id', '=', visitorId)
      .where('a.uploader_type', '=', 'visitor')
      .where('a.created_at', '>', deps.clock.now() - UPLOAD_QUOTA_DAY_MS)
      .executeTakeFirstOrThrow(),
  ]);
  return [total(inChat), total(inDay)];
}

function exceeded(perChat: boolean): AppError {
  return new AppError(
    'QUOTA_EXCEEDED',
    perChat
      ? 'You have sent as many files as this chat allows.'
      : 'You have sent as many files as allowed today; try again tomorrow.',
  );
}

/**
 * Bytes the visitor may still upload to `conversationId` in one file (files and bytes per
 * conversation, and per visitor and day); refuses with QUOTA_EXCEEDED when there is no room.
 */
export async function uploadRoom(
  deps: Deps,
  visitorId: string,
  conversationId: string,
): Promise<{ bytes: number; refusal: AppError }> {
  const q = deps.config.uploadQuota;
  const [chat, day] = await used(deps, visitorId, conversationId);
  const chatRoom = q.mbPerConversation * MB - chat.bytes;
  const dayRoom = q.mbPerDay * MB - day.bytes;
  if (chat.files >= q.filesPerConversation || chatRoom <= 0) throw exceeded(true);
  if (day.files >= q.filesPerDay || dayRoom <= 0) throw exceeded(false);
  return { bytes: Math.min(chatRoom, dayRoom), refusal: exceeded(chatRoom <= dayRoom) };
}

/**
 * After the file's row is written: uploads that ran at the same time may together have gone
 * past the quota, which each checked alone. Throws QUOTA_EXCEEDED if so (the caller removes it).
 */
export async function stillWithinQuota(
  deps: Deps,
  visitorId: string,
  conversationId: string,
): Promise<void> {
  const q = deps.config.uploadQuota;
  const [chat, day] = await used(deps, visitorId, conversationId);
  if (chat.files > q.filesPerConversation || chat.bytes > q.mbPerConversation * MB)
    throw exceeded(true);
  if (day.files > q.filesPerDay || day.bytes > q.mbPerDay * MB) throw exceeded(false);
}
