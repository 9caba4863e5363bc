import { describe, expect, it } from 'vitest';
import {
  enqueue,
  formatBytes,
  pastedFiles,
  queueBlocksSend,
  readyAttachments,
  remove,
  restart,
  screenshotName,
  setFailed,
  setProgress,
  setUploaded,
  type UploadQueue,
} from './uploads';

const file = (key: string, size = 100) => ({ key, name: `${key}.pdf`, size });
const att = (id: string) => ({
  id,
  name: `${id}.pdf`,
  size: 100,
  contentType: 'application/pdf',
  isImage: false,
});

describe('upload queue', () => {
  it('accepts up to five files and refuses the rest with a reason', () => {
    const { queue, accepted, refused } = enqueue(
      [],
      ['a', 'b', 'c', 'd', 'e', 'f'].map((k) => file(k)),
      null,
    );
    expect(queue).toHaveLength(5);
    expect(accepted).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(refused).toEqual(['f.pdf: at most 5 files per message']);
  });

  it('refuses files over the size limit before uploading', () => {
    const r = enqueue([], [file('big', 3 * 1024 * 1024), file('ok')], 2 * 1024 * 1024);
    expect(r.accepted).toEqual(['ok']);
    expect(r.refused[0]).toMatch(/big\.pdf: larger than 2\.0 MB/);
  });

  it('keeps the same queue object when nothing was added', () => {
    const q: UploadQueue = enqueue([], [file('a')], null).queue;
    expect(enqueue(q, [file('b', 10)], 5).queue).toBe(q);
  });

  it('tracks progress, success and failure per file', () => {
    let q = enqueue([], [file('a'), file('b')], null).queue;
    q = setProgress(q, 'a', 0.5);
    expect(q[0]?.progress).toBe(0.5);
    expect(queueBlocksSend(q)).toBe('uploading');
    q = setUploaded(q, 'a', att('f1'));
    q = setFailed(q, 'b', 'This type of file is not allowed');
    expect(queueBlocksSend(q)).toBe('failed');
    expect(readyAttachments(q).map((a) => a.id)).toEqual(['f1']);
    // A late progress event does not undo an outcome.
    expect(setProgress(q, 'b', 0.9)).toBe(q);
    q = restart(q, 'b');
    expect(q[1]).toMatchObject({ status: 'uploading', error: null, progress: 0 });
    q = remove(q, 'b');
    expect(queueBlocksSend(q)).toBeNull();
    expect(readyAttachments(q)).toHaveLength(1);
  });

  it('names pasted screenshots by time', () => {
    const d = new Date(2025, 2, 4, 9, 5, 7);
    expect(screenshotName(d, 'image/png')).toBe('screenshot-20250304-090507.png');
    expect(screenshotName(d, 'image/jpeg')).toBe('screenshot-20250304-090507.jpg');
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2 KB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(formatBytes(20 * 1024 * 1024)).toBe('20 MB');
  });
});

describe('pastedFiles', () => {
  const item = (f: File) => ({ kind: 'file', type: f.type, getAsFile: () => f });
  const paste = (items: File[], files: File[]) =>
    ({ items: items.map(item), files }) as unknown as Pick<DataTransfer, 'items' | 'files'>;

  it('names clipboard screenshots by the time, keeps real names and other files', () => {
    const shot = new File(['x'], 'image.png', { type: 'image/png' });
    const photo = new File(['x'], 'mug.jpg', { type: 'image/jpeg' });
    const pdf = new File(['x'], 'invoice.pdf', { type: 'application/pdf' });
    const d = new Date(2025, 2, 4, 9, 5, 7);
    expect(pastedFiles(paste([shot, photo], [shot, photo, pdf]), d)).toEqual([
      { file: shot, name: 'screenshot-20250304-090507.png' },
      { file: photo, name: 'mug.jpg' },
      pdf,
    ]);
  });

  it('leaves a paste without files to the text box', () => {
    expect(pastedFiles(paste([], []), new Date())).toBeNull();
  });
});
