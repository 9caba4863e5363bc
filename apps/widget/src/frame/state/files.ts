import type { Attachment, ErrorResponse } from '@parley/protocol';
import { RequestError } from './transport';
import type { FileLike } from './uploads';

export interface UploadRequest {
  token: string;
  conversationId: string;
  file: FileLike;
  onProgress: (loaded: number) => void;
  signal: AbortSignal;
}

/**
 * Uploads one file; rejects with a RequestError (ABORTED when cancelled, UPLOAD_FAILED when
 * the connection broke) carrying, for PAYLOAD_TOO_LARGE, the limit in `details.limitMb`.
 */
export type UploadApi = (req: UploadRequest) => Promise<Attachment>;

/** Fetches a file's bytes (`inline` for an image shown in the chat). */
export type DownloadApi = (token: string, fileId: string, inline: boolean) => Promise<Blob>;

const statusCodes: Record<number, string> = {
  401: 'UNAUTHENTICATED',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_FILE_TYPE',
  429: 'RATE_LIMITED',
};

function refusal(status: number, body: unknown): RequestError {
  const error = (body as ErrorResponse | null)?.error;
  const code = error?.code ?? statusCodes[status] ?? (status >= 500 ? 'INTERNAL' : 'UPLOAD_FAILED');
  const message = error?.message ?? code;
  // "Files can be at most 20 MB.": the limit is an admin's setting the widget is not told.
  const mb = code === 'PAYLOAD_TOO_LARGE' ? /(\d+(?:\.\d+)?)\s*MB/.exec(message)?.[1] : undefined;
  return new RequestError(code, message, mb ? { limitMb: mb } : error?.details);
}

/** XMLHttpRequest rather than fetch: fetch cannot report upload progress. */
export const xhrUpload: UploadApi = ({ token, conversationId, file, onProgress, signal }) =>
  new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1/widget/conversations/${encodeURIComponent(conversationId)}/files`);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.responseType = 'json';
    // The multipart envelope adds a few hundred bytes: count only the file's own.
    xhr.upload.onprogress = (e) => onProgress(Math.min(file.size, e.loaded));
    xhr.onload = () => {
      const body = xhr.response as { file?: Attachment } | ErrorResponse | null;
      if (xhr.status === 201 && body && 'file' in body && body.file) resolve(body.file);
      else reject(refusal(xhr.status, body));
    };
    xhr.onerror = () => reject(new RequestError('UPLOAD_FAILED'));
    xhr.onabort = () => reject(new RequestError('ABORTED'));
    signal.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });

export const fetchFile: DownloadApi = async (token, fileId, inline) => {
  const url = `/api/v1/widget/files/${encodeURIComponent(fileId)}${inline ? '?inline=1' : ''}`;
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new RequestError(statusCodes[res.status] ?? 'INTERNAL');
  return res.blob();
};

/**
 * Files shown in the chat. An <img> cannot send the visitor's token, so images are fetched
 * with it and shown from blob: URLs (allowed by the frame's CSP), once per file per page.
 */
export class FileCache {
  private readonly images = new Map<string, Promise<string>>();

  constructor(
    private readonly download: (fileId: string, inline: boolean) => Promise<Blob>,
    private readonly blobUrl: (blob: Blob) => string = (b) => URL.createObjectURL(b),
  ) {}

  /** Our own upload: shown from the file we already have, not downloaded again. */
  prime(fileId: string, file: Blob): void {
    if (!this.images.has(fileId)) this.images.set(fileId, Promise.resolve(this.blobUrl(file)));
  }

  image(fileId: string): Promise<string> {
    let url = this.images.get(fileId);
    if (!url) {
      url = this.download(fileId, true).then((blob) => this.blobUrl(blob));
      this.images.set(fileId, url);
      // A failure is not kept: the next render tries again.
      url.catch(() => this.images.delete(fileId));
    }
    return url;
  }

  /** Saves a file under its own name (fetched with the token, then a[download]). */
  async save(file: Attachment): Promise<void> {
    const blob = await this.download(file.id, false);
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = file.name;
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }
}
