import { API_PREFIX, CSRF_HEADER, isErrorCode, type Attachment } from '@parley/protocol';
import { ApiError } from './http';

export interface UploadHandle {
  done: Promise<Attachment>;
  abort: () => void;
}

/**
 * Uploads one file to a conversation (multipart, field `file`). XMLHttpRequest rather than
 * fetch, because only it reports upload progress.
 */
export function uploadFile(
  conversationId: string,
  file: Blob,
  name: string,
  csrfToken: string,
  onProgress: (fraction: number) => void,
): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Attachment>((resolve, reject) => {
    xhr.open('POST', `${API_PREFIX}/conversations/${encodeURIComponent(conversationId)}/files`);
    xhr.withCredentials = true;
    xhr.setRequestHeader(CSRF_HEADER, csrfToken);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as unknown;
      if (xhr.status >= 200 && xhr.status < 300) {
        const f = (body as { file?: Attachment } | null)?.file;
        if (f) resolve(f);
        else reject(new ApiError(xhr.status, 'INTERNAL', 'The server sent no file record.'));
        return;
      }
      const err = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
      if (err && isErrorCode(err.code)) {
        reject(new ApiError(xhr.status, err.code, String(err.message ?? 'Upload failed')));
      } else if (xhr.status === 413) {
        reject(new ApiError(413, 'PAYLOAD_TOO_LARGE', 'The file is too large.'));
      } else {
        reject(new ApiError(xhr.status, 'INTERNAL', `Upload failed (status ${xhr.status}).`));
      }
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'NETWORK', 'Cannot reach the server. Check your connection.'));
    xhr.onabort = () => reject(new ApiError(0, 'NETWORK', 'Upload cancelled.'));
    const form = new FormData();
    form.append('file', file, name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}

/** Where an attachment is downloaded (the session cookie authorises it). */
export function fileUrl(id: string, inline = false): string {
  return `${API_PREFIX}/files/${encodeURIComponent(id)}${inline ? '?inline=1' : ''}`;
}

/**
 * One multipart POST (field `file`) with the JSON answer, for small files where progress does
 * not matter (a profile photo).
 */
export async function sendForm<T>(
  path: string,
  file: Blob,
  name: string,
  csrfToken: string,
): Promise<T> {
  const form = new FormData();
  form.append('file', file, name);
  let response: Response;
  try {
    response = await fetch(`${API_PREFIX}${path}`, {
      method: 'POST',
      headers: { accept: 'application/json', [CSRF_HEADER]: csrfToken },
      credentials: 'same-origin',
      body: form,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Cannot reach the server. Check your connection.');
  }
  const body = (await response.json().catch(() => null)) as {
    error?: { code?: unknown; message?: unknown };
  } | null;
  if (response.ok) return body as T;
  const err = body?.error;
  if (err && isErrorCode(err.code)) {
    throw new ApiError(response.status, err.code, String(err.message ?? 'Upload failed'));
  }
  if (response.status === 413)
    throw new ApiError(413, 'PAYLOAD_TOO_LARGE', 'The file is too large.');
  throw new ApiError(response.status, 'INTERNAL', `Upload failed (status ${response.status}).`);
}
