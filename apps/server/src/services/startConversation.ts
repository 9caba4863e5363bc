import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import { findConversationView, type ConversationView } from '../storage/conversations.js';
import type { VisitorRow } from '../storage/schema.js';
import type { Deps } from './deps.js';

/**
 * Opens a conversation for the visitor, or returns the one already open. The partial unique
 * index (one open conversation per visitor and site) decides races, not a prior read.
 */
export async function startConversation(
  deps: Deps,
  visitor: VisitorRow,
): Promise<ConversationView> {
  const site = await deps.db
    .selectFrom('sites')
    .select('chat_enabled')
    .where('id', '=', visitor.site_id)
    .executeTakeFirst();
  if (!site?.chat_enabled) throw new AppError('CHAT_DISABLED');
  const now = deps.clock.now();
  const id = newId(now);
  const inserted = await deps.db
    .insertInto('conversations')
    .values({
      id,
      site_id: visitor.site_id,
      visitor_id: visitor.id,
      channel: 'web',
      status: 'queued',
      assignee_id: null,
      department_id: null,
      subject: null,
      last_seq: 0,
      last_public_seq: 0,
      last_message_body: null,
      last_message_author: null,
      last_message_at: null,
      created_at: now,
      queued_at: now,
      accepted_at: null,
      closed_at: null,
      closed_by: null,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  const created = Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
  const open = await deps.db
    .selectFrom('conversations')
    .select('id')
    .where('visitor_id', '=', visitor.id)
    .where('site_id', '=', visitor.site_id)
    .where('status', '!=', 'closed')
    .executeTakeFirst();
  if (!open) throw new AppError('INTERNAL');
  const view = await findConversationView(deps.db, open.id);
  if (!view) throw new AppError('INTERNAL');
  if (created) {
    deps.bus.publish({
      type: 'conversation.changed',
      conversation: view,
      previousStatus: null,
      previousAssigneeId: null,
    });
  }
  return view;
}
