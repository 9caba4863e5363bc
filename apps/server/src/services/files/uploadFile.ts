import { randomBytes } from 'node:crypto';
import { Transform, type TransformCallback, type Readable } from 'node:stream';
import type { Actor } from '../actor.js';
import { classifyFile, cleanFileName, SNIFF_BYTES, type FileClass } from '../../domain/files.js';
import { agentCanView } from '../../domain/permissions.js';
import { AppError } from '../../errors.js';
import { deleteFile, insertFile } from '../../storage/attachments.js';
import type { AttachmentRow } from '../../storage/schema.js';
import type { Deps } from '../deps.js';
import { withAccess } from '../access.js';
import { participantIds } from '../conversations/readConversations.js';
import { getSettings } from '../settings/settings.js';
import { snapshotOf } from '../conversations/conversationSnapshots.js';
import { limitVisitor } from '../visitors/abuseLimits.js';
import { stillWithinQuota, uploadRoom } from './uploadQuota.js';

/** What may be uploaded unless any type is allowed; files emailed to tickets follow it too. */
export const ALLOWED_BY_DEFAULT: ReadonlySet<FileClass> = new Set(['image', 'pdf', 'text']);

/** Random and unguessable: knowing one file's id says nothing about another's. */
function randomKey(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Streams an upload to the file store. The size limit and the type (sniffed from the first
 * bytes) are enforced while streaming, so an oversized or refused file is cut off early and
 * memory stays flat. The file belongs to the conversation but to no message until sent.
 * A visitor's uploads are limited per visitor and address (`ip`) and held to their quota.
 */
export async function uploadFile(
  deps: Deps,
  uploader: Actor,
  conversationId: string,
  upload: { filename: string | undefined; file: Readable; ip: string | null },
): Promise<AttachmentRow> {
  const conv = await snapshotOf(deps, conversationId);
  const allowed =
    conv &&
    (uploader.kind === 'visitor'
      ? conv.visitor_id === uploader.visitor.id
      : agentCanView(await withAccess(deps, uploader.agent), {
          ...conv,
          participantIds: participantIds(conv),
        }));
  if (!conv || !allowed) throw new AppError('NOT_FOUND', 'Conversation not found.');
  if (conv.status === 'closed') throw new AppError('CONVERSATION_CLOSED');

  const visitorId = uploader.kind === 'visitor' ? uploader.visitor.id : null;
  if (visitorId) await limitVisitor(deps, 'uploads', { visitorId, ip: upload.ip });
  const room = visitorId ? await uploadRoom(deps, visitorId, conversationId) : null;
  const settings = await getSettings(deps);
  const guard = new UploadGuard(settings.maxFileMb, settings.allowAnyFileType, room);

  const key = randomKey(24);
  // busboy cuts a part at the plugin's own limit; count it as too large, not as a complete file.
  upload.file.once('limit', () => guard.destroy(guard.tooLarge()));
  await deps.files.write(key, upload.file.pipe(guard));
  const now = deps.clock.now();
  const row: AttachmentRow = {
    id: randomKey(18),
    conversation_id: conversationId,
    message_id: null,
    uploader_type: uploader.kind,
    uploader_id: uploader.kind === 'visitor' ? uploader.visitor.id : uploader.agent.id,
    name: cleanFileName(upload.filename),
    content_type: guard.contentType,
    size: guard.size,
    storage_key: key,
    created_at: now,
    deleted_at: null,
  };
  try {
    await insertFile(deps.store, row);
  } catch (err) {
    await deps.files.remove(key);
    throw err;
  }
  if (visitorId) await withinQuotaOrRemoved(deps, row, visitorId);
  return row;
}

async function withinQuotaOrRemoved(deps: Deps, row: AttachmentRow, visitorId: string) {
  try {
    await stillWithinQuota(deps, visitorId, row.conversation_id);
  } catch (err) {
    await deleteFile(deps.store, row.id);
    await deps.files.remove(row.storage_key);
    throw err;
  }
}

/**
 * Counts the bytes of an upload as they stream through, refusing it once it passes the size
 * limit, and sniffs its type from the first SNIFF_BYTES (refused when not allowed).
 */
class UploadGuard extends Transform {
  size = 0;
  private head = Buffer.alloc(0);
  private sniffed: { class: FileClass; contentType: string } | null = null;

  constructor(
    private readonly maxFileMb: number,
    private readonly allowAny: boolean,
    /** A visitor's quota: the bytes left, and the refusal past them. */
    private readonly room: { bytes: number; refusal: AppError } | null,
  ) {
    super();
  }

  get contentType(): string {
    return this.sniffed?.contentType ?? 'application/octet-stream';
  }

  tooLarge(): AppError {
    return new AppError('PAYLOAD_TOO_LARGE', `Files can be at most ${this.maxFileMb} MB.`);
  }

  private async check(complete: boolean): Promise<void> {
    this.sniffed = await classifyFile(this.head, complete);
    if (!this.allowAny && !ALLOWED_BY_DEFAULT.has(this.sniffed.class)) {
      throw new AppError(
        'UNSUPPORTED_FILE_TYPE',
        'Only text, PDF and image files can be sent here.',
      );
    }
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxFileMb * 1024 * 1024) return done(this.tooLarge());
    if (this.room && this.size > this.room.bytes) return done(this.room.refusal);
    if (this.sniffed || this.head.length >= SNIFF_BYTES) return done(null, chunk);
    this.head = Buffer.concat([this.head, chunk]).subarray(0, SNIFF_BYTES);
    if (this.head.length < SNIFF_BYTES) return done(null, chunk);
    this.check(false).then(
      () => done(null, chunk),
      (err: unknown) => done(err as Error),
    );
  }

  override _flush(done: TransformCallback): void {
    if (this.size === 0)
      return done(new AppError('VALIDATION_FAILED', 'The file is empty.', { file: 'empty' }));
    if (this.sniffed) return done();
    this.check(true).then(
      () => done(),
      (err: unknown) => done(err as Error),
    );
  }
}
