import { UPLOAD_QUOTA_DAY_MS } from '../../domain/visitorLimits.js';
import { AppError } from '../../errors.js';
import { visitorUploadTotals, type UploadTotals } from '../../storage/attachments.js';
import type { Deps } from '../deps.js';

const MB = 1024 * 1024;

/** What a visitor uploaded: to one conversation, and to any of theirs within the last day. */
function used(
  deps: Deps,
  visitorId: string,
  conversationId: string,
): Promise<[UploadTotals, UploadTotals]> {
  return visitorUploadTotals(
    deps.store,
    visitorId,
    conversationId,
    deps.clock.now() - UPLOAD_QUOTA_DAY_MS,
  );
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
