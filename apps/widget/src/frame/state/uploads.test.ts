import type { Attachment } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import type { PendingMessage } from './messages';
import {
  addToTray,
  claimTray,
  dropOrphans,
  failed,
  MAX_FILES,
  needsUpload,
  ownedBy,
  patchUpload,
  progressOf,
  screenshotName,
  sendable,
  started,
  trayOf,
  uploadedFor,
  type FileLike,
  type UploadItem,
} from './uploads';

const file = (name: string, size = 100): FileLike => new File(['x'.repeat(size)], name);
let n = 0;
const key = () => `k${++n}`;
const attachment = (id: string): Attachment => ({
  id,
  name: `${id}.png`,
  size: 100,
  contentType: 'image/png',
  isImage: true,
});

function tray(count: number): readonly UploadItem[] {
  return addToTray(
    [],
    Array.from({ length: count }, (_, i) => file(`f${i}.txt`)),
    key,
  ).uploads;
}

describe('upload queue', () => {
  it('takes at most five files per message and says how many it turned away', () => {
    const first = addToTray([], [file('a'), file('b'), file('c')], key);
    expect(first.turnedAway).toBe(0);
    const second = addToTray(first.uploads, [file('d'), file('e'), file('f'), file('g')], key);
    expect(trayOf(second.uploads).map((u) => u.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(second.turnedAway).toBe(2);
    expect(MAX_FILES).toBe(5);
  });

  it('does not count refused files against the five', () => {
    let uploads = tray(5);
    uploads = patchUpload(uploads, uploads[0]!.key, failed('PAYLOAD_TOO_LARGE', 20));
    const more = addToTray(uploads, [file('late')], key);
    expect(more.turnedAway).toBe(0);
    expect(trayOf(more.uploads).filter(sendable)).toHaveLength(5);
  });

  it('new files start queued in the tray with their size', () => {
    const [u] = addToTray([], [file('notes.txt', 2048)], key).uploads;
    expect(u).toMatchObject({ name: 'notes.txt', size: 2048, owner: null, status: 'queued' });
    expect(progressOf(u!)).toBe(0);
  });

  it('a send claims the sendable files and leaves refused ones in the tray, with the reason', () => {
    let uploads = tray(3);
    const [a, b] = uploads;
    uploads = patchUpload(uploads, b!.key, failed('UNSUPPORTED_FILE_TYPE'));
    uploads = claimTray(uploads, 'client-1');
    expect(ownedBy(uploads, 'client-1').map((u) => u.key)).not.toContain(b!.key);
    expect(ownedBy(uploads, 'client-1').map((u) => u.key)).toContain(a!.key);
    expect(trayOf(uploads)).toEqual([
      expect.objectContaining({ errorCode: 'UNSUPPORTED_FILE_TYPE' }),
    ]);
  });

  it('a refusal while sending sends the file back to the tray; a broken upload stays', () => {
    let uploads = claimTray(tray(2), 'client-1');
    const [a, b] = uploads;
    uploads = patchUpload(uploads, a!.key, failed('PAYLOAD_TOO_LARGE', 20));
    uploads = patchUpload(uploads, b!.key, failed('UPLOAD_FAILED'));
    const back = uploads.find((u) => u.key === a!.key)!;
    expect(back).toMatchObject({ owner: null, status: 'error', limitMb: 20 });
    expect(sendable(back)).toBe(false);
    const kept = uploads.find((u) => u.key === b!.key)!;
    expect(kept.owner).toBe('client-1');
    expect(sendable(kept)).toBe(true);
  });

  it('reuses uploaded files on a retry, for the same conversation only', () => {
    let uploads = claimTray(tray(2), 'client-1');
    const [a, b] = uploads;
    uploads = patchUpload(uploads, a!.key, started('conv-1'));
    uploads = patchUpload(uploads, a!.key, { status: 'done', attachment: attachment('file-a') });
    uploads = patchUpload(uploads, b!.key, failed('UPLOAD_FAILED'));
    const [ua, ub] = uploads;
    expect(needsUpload(ua!, 'conv-1')).toBe(false);
    expect(needsUpload(ub!, 'conv-1')).toBe(true);
    expect(uploadedFor(uploads, 'client-1', 'conv-1').map((x) => x.id)).toEqual(['file-a']);
    // The chat ended and the message goes to a new one: the file is uploaded there again.
    expect(needsUpload(ua!, 'conv-2')).toBe(true);
    expect(uploadedFor(uploads, 'client-1', 'conv-2')).toEqual([]);
  });

  it('starting an upload clears a previous error', () => {
    let uploads = tray(1);
    const k = uploads[0]!.key;
    uploads = patchUpload(uploads, k, failed('UPLOAD_FAILED'));
    uploads = patchUpload(uploads, k, started('conv-1'));
    expect(uploads[0]).toMatchObject({ status: 'uploading', errorCode: undefined, loaded: 0 });
    uploads = patchUpload(uploads, k, { loaded: 50 });
    expect(progressOf(uploads[0]!)).toBe(0.5);
  });

  it('drops the files of messages that are gone and keeps the tray', () => {
    let uploads = tray(3);
    uploads = claimTray(uploads.slice(0, 2), 'sent').concat(uploads.slice(2));
    const pending: PendingMessage[] = [];
    const left = dropOrphans(uploads, pending);
    expect(left).toHaveLength(1);
    expect(left[0]!.owner).toBeNull();
    expect(dropOrphans(left, pending)).toBe(left);
  });

  it('names a pasted picture as a dated screenshot', () => {
    const at = new Date(2025, 0, 2, 3, 4, 5);
    expect(screenshotName('image/png', at)).toBe('screenshot-20250102-030405.png');
    expect(screenshotName('image/jpeg', at)).toBe('screenshot-20250102-030405.jpg');
  });
});
