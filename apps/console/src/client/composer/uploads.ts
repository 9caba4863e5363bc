import type { Attachment } from '@parley/protocol';

/** At most this many files per message (the protocol's cap). */
export const MAX_FILES_PER_MESSAGE = 5;

export interface QueuedFile {
  /** Local key for the chip; never sent. */
  key: string;
  name: string;
  size: number;
  /** 0..1 while uploading. */
  progress: number;
  status: 'uploading' | 'done' | 'error';
  /** The server's record once uploaded: its id goes into `attachmentIds`. */
  attachment: Attachment | null;
  error: string | null;
}

export type UploadQueue = readonly QueuedFile[];

/**
 * Adds files while there is room: the rest are refused with a reason, and files over the
 * organisation's size limit are refused before any byte is sent.
 */
export function enqueue(
  queue: UploadQueue,
  files: ReadonlyArray<{ key: string; name: string; size: number }>,
  maxBytes: number | null,
): { queue: UploadQueue; accepted: string[]; refused: string[] } {
  const next = [...queue];
  const accepted: string[] = [];
  const refused: string[] = [];
  for (const f of files) {
    if (next.length >= MAX_FILES_PER_MESSAGE) {
      refused.push(`${f.name}: at most ${MAX_FILES_PER_MESSAGE} files per message`);
      continue;
    }
    if (maxBytes !== null && f.size > maxBytes) {
      refused.push(`${f.name}: larger than ${formatBytes(maxBytes)}`);
      continue;
    }
    next.push({ ...f, progress: 0, status: 'uploading', attachment: null, error: null });
    accepted.push(f.key);
  }
  return { queue: accepted.length ? next : queue, accepted, refused };
}

function patch(queue: UploadQueue, key: string, change: Partial<QueuedFile>): UploadQueue {
  const i = queue.findIndex((f) => f.key === key);
  const current = queue[i];
  if (!current) return queue;
  const next = [...queue];
  next[i] = { ...current, ...change };
  return next;
}

export function setProgress(queue: UploadQueue, key: string, progress: number): UploadQueue {
  const f = queue.find((q) => q.key === key);
  if (!f || f.status !== 'uploading') return queue;
  return patch(queue, key, { progress: Math.max(0, Math.min(1, progress)) });
}

export function setUploaded(queue: UploadQueue, key: string, attachment: Attachment): UploadQueue {
  return patch(queue, key, { status: 'done', progress: 1, attachment, error: null });
}

export function setFailed(queue: UploadQueue, key: string, error: string): UploadQueue {
  return patch(queue, key, { status: 'error', error });
}

/** Back to uploading (a retry of one failed file). */
export function restart(queue: UploadQueue, key: string): UploadQueue {
  return patch(queue, key, { status: 'uploading', progress: 0, error: null });
}

export function remove(queue: UploadQueue, key: string): UploadQueue {
  const next = queue.filter((f) => f.key !== key);
  return next.length === queue.length ? queue : next;
}

/** The uploaded files, ready to go with the message. */
export function readyAttachments(queue: UploadQueue): Attachment[] {
  return queue.flatMap((f) => (f.status === 'done' && f.attachment ? [f.attachment] : []));
}

/** What keeps Send waiting while files are on the tray. */
export type SendBlock = 'uploading' | 'failed' | null;

/** Send waits for every upload; failed files must be removed (or retried) first. */
export function queueBlocksSend(queue: UploadQueue): SendBlock {
  if (queue.some((f) => f.status === 'uploading')) return 'uploading';
  if (queue.some((f) => f.status === 'error')) return 'failed';
  return null;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
}

/** A pasted clipboard image has no useful name: give it one from the time. */
export function screenshotName(now: Date, type: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  const ext = type === 'image/jpeg' ? 'jpg' : type === 'image/gif' ? 'gif' : 'png';
  return `screenshot-${stamp}.${ext}`;
}

/**
 * What a paste attaches: images (a screenshot) and other files; null when it carries none,
 * so pasted text stays text.
 */
export function pastedFiles(
  data: Pick<DataTransfer, 'items' | 'files'>,
  now: Date,
): Array<File | { file: File; name: string }> | null {
  const images = [...data.items]
    .filter((i) => i.kind === 'file' && i.type.startsWith('image/'))
    .map((i) => i.getAsFile())
    .filter((f): f is File => f !== null);
  const others = [...data.files].filter((f) => !f.type.startsWith('image/'));
  if (images.length === 0 && others.length === 0) return null;
  return [
    ...images.map((f) => ({
      file: f,
      // Clipboard images are all called "image.png": name them by the time instead.
      name: f.name && f.name !== 'image.png' ? f.name : screenshotName(now, f.type),
    })),
    ...others,
  ];
}
