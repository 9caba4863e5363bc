import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Attachment } from 'mailparser';
import { classifyFile, cleanFileName, SNIFF_BYTES } from '../../domain/files.js';
import type { TicketAttachmentRow } from '../../storage/schema.js';
import type { Deps } from '../deps.js';
import { ALLOWED_BY_DEFAULT } from '../files/uploadFile.js';
import { getSettings } from '../settings/settings.js';

/** Files kept per email; the rest stay inside the stored original only. */
const MAX_FILES = 10;

const key = () => randomBytes(24).toString('base64url');

/**
 * The files of an email a ticket keeps, under the rules of chat files: the type sniffed from
 * the content (images, PDF and text unless any type is allowed) and the size setting. Inline
 * parts of an HTML body (logos, signatures) are skipped. Written to the file store now; the
 * rows are for the caller's transaction (dropFiles if it fails).
 */
export async function keepAttachments(
  deps: Deps,
  attachments: readonly Attachment[],
  owner: { ticketId: string; messageId: string; now: number },
): Promise<TicketAttachmentRow[]> {
  const settings = await getSettings(deps);
  const rows: TicketAttachmentRow[] = [];
  for (const a of attachments) {
    if (rows.length >= MAX_FILES) break;
    if (a.related || a.contentDisposition === 'inline') continue;
    const content = a.content;
    if (content.length === 0 || content.length > settings.maxFileMb * 1024 * 1024) continue;
    const sniffed = await classifyFile(
      content.subarray(0, SNIFF_BYTES),
      content.length <= SNIFF_BYTES,
    );
    if (!settings.allowAnyFileType && !ALLOWED_BY_DEFAULT.has(sniffed.class)) continue;
    const row: TicketAttachmentRow = {
      id: key(),
      ticket_id: owner.ticketId,
      message_id: owner.messageId,
      name: cleanFileName(a.filename),
      content_type: sniffed.contentType,
      size: content.length,
      storage_key: key(),
      created_at: owner.now,
    };
    await deps.files.write(row.storage_key, Readable.from([content]));
    rows.push(row);
  }
  return rows;
}

/** Removes stored files whose rows were never committed. */
export async function dropFiles(deps: Deps, rows: readonly TicketAttachmentRow[]): Promise<void> {
  await Promise.all(rows.map((r) => deps.files.remove(r.storage_key)));
}
