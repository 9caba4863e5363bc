import { AppError } from '../errors.js';
import { newId } from '../ids.js';
import type { ConversationSnapshot } from '../storage/conversations.js';
import type { VisitorRow } from '../storage/schema.js';
import type { Deps } from './deps.js';
import { getSettings } from './settings.js';
import { publishConversationChanged, snapshotOf } from './snapshots.js';
import { siteDepartments } from './widgetConfig.js';

/**
 * Opens a conversation for the visitor in the department they chose (or the site's first), or
 * returns the one already open. The partial unique index (one open conversation per visitor and
 * site) decides races, not a prior read.
 */
export async function startConversation(
  deps: Deps,
  visitor: VisitorRow,
  input: { departmentId?: string | undefined } = {},
): Promise<ConversationSnapshot> {
  const [site, settings, departments] = await Promise.all([
    deps.db
      .selectFrom('sites')
      .select('chat_enabled')
      .where('id', '=', visitor.site_id)
      .executeTakeFirst(),
    getSettings(deps),
    siteDepartments(deps, visitor.site_id),
  ]);
  if (!site?.chat_enabled || !settings.chatEnabled) throw new AppError('CHAT_DISABLED');
  if (input.departmentId && !departments.some((d) => d.id === input.departmentId)) {
    throw new AppError('VALIDATION_FAILED', 'This site has no such department.', {
      departmentId: 'unknown department',
    });
  }
  const departmentId = input.departmentId ?? departments[0]?.id ?? null;

  const now = deps.clock.now();
  const inserted = await deps.db
    .insertInto('conversations')
    .values({
      id: newId(now),
      site_id: visitor.site_id,
      visitor_id: visitor.id,
      channel: 'web',
      status: 'queued',
      assignee_id: null,
      department_id: departmentId,
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
  const open = await deps.db
    .selectFrom('conversations')
    .select('id')
    .where('visitor_id', '=', visitor.id)
    .where('site_id', '=', visitor.site_id)
    .where('status', '!=', 'closed')
    .executeTakeFirst();
  if (!open) throw new AppError('INTERNAL');
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) {
    return publishConversationChanged(deps, open.id, { status: null, assigneeId: null });
  }
  return (await snapshotOf(deps, open.id, { withQueue: true }))!;
}
