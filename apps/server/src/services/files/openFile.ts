import type { Readable } from 'node:stream';
import type { Actor } from '../actor.js';
import { agentCanView } from '../../domain/permissions.js';
import { visitorMaySee } from '../../domain/visibility.js';
import { AppError } from '../../errors.js';
import { findLiveFile } from '../../storage/attachments.js';
import { messageVisibility } from '../../storage/messages.js';
import type { AttachmentRow } from '../../storage/schema.js';
import type { Deps } from '../deps.js';
import { withAccess } from '../access.js';
import { participantIds } from '../conversations/readConversations.js';
import { snapshotOf } from '../conversations/conversationSnapshots.js';

const notFound = () => new AppError('NOT_FOUND', 'File not found.');

/**
 * A file for a reader who may see it: their conversation, and for a visitor never a file of a
 * private message. Unsent files are for their uploader only. Anything else is NOT_FOUND.
 */
export async function openFile(
  deps: Deps,
  reader: Actor,
  fileId: string,
): Promise<{ file: AttachmentRow; stream: Readable }> {
  const file = await findLiveFile(deps.store, fileId);
  if (!file) throw notFound();
  const conv = await snapshotOf(deps, file.conversation_id);
  if (!conv) throw notFound();
  const readerId = reader.kind === 'visitor' ? reader.visitor.id : reader.agent.id;
  if (
    file.message_id === null &&
    !(file.uploader_type === reader.kind && file.uploader_id === readerId)
  )
    throw notFound();
  if (reader.kind === 'visitor') {
    if (conv.visitor_id !== reader.visitor.id) throw notFound();
    if (file.message_id !== null) {
      const message = await messageVisibility(deps.store, file.message_id);
      if (!message || !visitorMaySee(message)) throw notFound();
    }
  } else if (
    !agentCanView(await withAccess(deps, reader.agent), {
      ...conv,
      participantIds: participantIds(conv),
    })
  ) {
    throw notFound();
  }
  return { file, stream: deps.files.read(file.storage_key) };
}
