import type { Attachment, MAX_ATTACHMENTS } from '@parley/protocol';
import type { PendingMessage } from './messages';

// A literal, like MAX_LENGTH: the protocol's runtime index must not be bundled.
export const MAX_FILES: typeof MAX_ATTACHMENTS = 5;

/** A file as the queue needs it: a File, or a Blob named by us (a pasted screenshot). */
export type FileLike = Blob & { readonly name: string };

/**
 * One file on its way to the server. It sits in the composer's tray (`owner` null) until the
 * visitor sends, then belongs to that message (`owner` = its clientId) until the message is
 * delivered. An upload is for one conversation: a file uploaded to a chat that has since
 * ended is uploaded again for the next one.
 */
export interface UploadItem {
  key: string;
  file: FileLike;
  name: string;
  size: number;
  owner: string | null;
  status: 'queued' | 'uploading' | 'done' | 'error';
  /** Bytes sent so far (of `size`). */
  loaded: number;
  /** The conversation the file went (or is going) to. */
  conversationId: string | null;
  /** The server's record once `done`. */
  attachment: Attachment | null;
  /** When `error`: an ErrorCode, or UPLOAD_FAILED for a broken connection. */
  errorCode?: string;
  /** PAYLOAD_TOO_LARGE: the limit in MB, when the server said it. */
  limitMb?: number;
}

/** Refusals that sending the same file again would only repeat. */
const PERMANENT = new Set([
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_FILE_TYPE',
  'VALIDATION_FAILED',
  'QUOTA_EXCEEDED',
]);

export const isPermanent = (code: string | undefined): boolean => !!code && PERMANENT.has(code);

/** A file that can go out with the next message (everything but a refused one). */
export const sendable = (u: UploadItem): boolean =>
  !(u.status === 'error' && isPermanent(u.errorCode));

export const trayOf = (uploads: readonly UploadItem[]): UploadItem[] =>
  uploads.filter((u) => u.owner === null);

export const ownedBy = (uploads: readonly UploadItem[], clientId: string): UploadItem[] =>
  uploads.filter((u) => u.owner === clientId);

/**
 * Adds files to the tray, as many as fit in one message (refused files do not count). Returns
 * how many were turned away for lack of room.
 */
export function addToTray(
  uploads: readonly UploadItem[],
  files: readonly FileLike[],
  newKey: () => string,
): { uploads: readonly UploadItem[]; turnedAway: number } {
  const room = MAX_FILES - trayOf(uploads).filter(sendable).length;
  const taken = files.slice(0, Math.max(0, room));
  const added: UploadItem[] = taken.map((file) => ({
    key: newKey(),
    file,
    name: file.name || 'file',
    size: file.size,
    owner: null,
    status: 'queued',
    loaded: 0,
    conversationId: null,
    attachment: null,
  }));
  return {
    uploads: added.length ? [...uploads, ...added] : uploads,
    turnedAway: files.length - taken.length,
  };
}

export function patchUpload(
  uploads: readonly UploadItem[],
  key: string,
  patch: Partial<UploadItem>,
): readonly UploadItem[] {
  return uploads.map((u) => (u.key === key ? { ...u, ...patch } : u));
}

export function removeUpload(uploads: readonly UploadItem[], key: string): readonly UploadItem[] {
  return uploads.filter((u) => u.key !== key);
}

/** The tray's sendable files now go with message `clientId`; refused ones stay, with their reason. */
export function claimTray(uploads: readonly UploadItem[], clientId: string): readonly UploadItem[] {
  return uploads.map((u) => (u.owner === null && sendable(u) ? { ...u, owner: clientId } : u));
}

/** Whether the file still has to be uploaded for `conversationId` (not already there). */
export function needsUpload(u: UploadItem, conversationId: string): boolean {
  return !(u.status === 'done' && u.conversationId === conversationId && u.attachment);
}

export function started(conversationId: string): Partial<UploadItem> {
  return {
    status: 'uploading',
    loaded: 0,
    conversationId,
    attachment: null,
    errorCode: undefined,
    limitMb: undefined,
  };
}

/**
 * A failed upload. A refusal (too large, not allowed) sends the file back to the tray with its
 * reason, so the rest of its message can still go; anything else stays with the message.
 */
export function failed(code: string, limitMb?: number): Partial<UploadItem> {
  return {
    status: 'error',
    errorCode: code,
    loaded: 0,
    attachment: null,
    ...(limitMb ? { limitMb } : {}),
    ...(isPermanent(code) ? { owner: null } : {}),
  };
}

/** Attachments of message `clientId` already on the server for `conversationId`. */
export function uploadedFor(
  uploads: readonly UploadItem[],
  clientId: string,
  conversationId: string,
): Attachment[] {
  return ownedBy(uploads, clientId)
    .filter((u) => !needsUpload(u, conversationId))
    .map((u) => u.attachment!);
}

/** Files of messages that are gone (delivered, or dropped) go with them. */
export function dropOrphans(
  uploads: readonly UploadItem[],
  pending: readonly PendingMessage[],
): readonly UploadItem[] {
  if (!uploads.some((u) => u.owner !== null)) return uploads;
  const owners = new Set(pending.map((p) => p.clientId));
  const left = uploads.filter((u) => u.owner === null || owners.has(u.owner));
  return left.length === uploads.length ? uploads : left;
}

/** 0..1 for a progress bar. */
export function progressOf(u: UploadItem): number {
  if (u.status === 'done') return 1;
  return u.size > 0 ? Math.min(1, u.loaded / u.size) : 0;
}

/** `screenshot-20250101-104233.png`: the name a pasted image is sent under. */
export function screenshotName(type: string, now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp =
    `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-` +
    `${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  const ext = type === 'image/jpeg' ? 'jpg' : type === 'image/gif' ? 'gif' : 'png';
  return `screenshot-${stamp}.${ext}`;
}
