import { fileTypeFromBuffer } from 'file-type';

/** How many leading bytes decide a file's type. */
export const SNIFF_BYTES = 4100;

export type FileClass = 'image' | 'pdf' | 'text' | 'other';

const RASTER = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/bmp',
  'image/avif',
]);

function looksLikeText(head: Buffer, complete: boolean): boolean {
  if (head.includes(0)) return false;
  // A multi-byte character may be cut at the end of the sniffed bytes; ignore up to 3 of them.
  const body = complete ? head : head.subarray(0, Math.max(0, head.length - 3));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return true;
  } catch {
    return false;
  }
}

/**
 * The type of a file from its content alone; the name and the uploader's claim are ignored.
 * HTML, SVG and scripts are text here: they are stored and served as plain text attachments.
 */
export async function classifyFile(
  head: Buffer,
  complete: boolean,
): Promise<{ class: FileClass; contentType: string }> {
  const found = await fileTypeFromBuffer(head);
  if (found && RASTER.has(found.mime)) return { class: 'image', contentType: found.mime };
  if (found?.mime === 'application/pdf') return { class: 'pdf', contentType: 'application/pdf' };
  if (found) return { class: 'other', contentType: found.mime };
  if (looksLikeText(head, complete))
    return { class: 'text', contentType: 'text/plain; charset=utf-8' };
  return { class: 'other', contentType: 'application/octet-stream' };
}

/** A display name safe to store and show: no path, no control characters, bounded length. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  const printable = Array.from(base)
    .filter((ch) => {
      const code = ch.codePointAt(0)!;
      // Control characters, and bidirectional controls that would show "exe.png" for a .exe.
      const bidi = (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
      return code >= 0x20 && code !== 0x7f && !bidi;
    })
    .join('');
  const clean = printable.replace(/\s+/g, ' ').trim();
  if (clean === '' || clean === '.' || clean === '..') return 'file';
  if (clean.length <= 200) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 12 ? clean.slice(dot) : '';
  return clean.slice(0, 200 - ext.length) + ext;
}

/** Content-Disposition per RFC 6266: an ASCII fallback plus the UTF-8 name (RFC 5987). */
export function contentDisposition(kind: 'attachment' | 'inline', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
