import type { Actor } from '../actor.js';
import { agentCanView } from '../../domain/permissions.js';
import type { Deps } from '../deps.js';

/**
 * Read receipts: the reader has seen the conversation up to `seq`. Marks only move forward;
 * a mark that did not move is not announced. Like typing, an unauthorised mark is dropped.
 */
export async function markSeen(
  deps: Deps,
  actor: Actor,
  conversationId: string,
  seq: number,
): Promise<void> {
  const conv = await deps.db
    .selectFrom('conversations')
    .select(['id', 'visitor_id', 'assignee_id', 'status', 'last_seq', 'last_public_seq'])
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (!conv) return;
  if (actor.kind === 'visitor' && conv.visitor_id !== actor.visitor.id) return;
  if (actor.kind === 'agent') {
    const joined = await deps.db
      .selectFrom('participants')
      .select('agent_id')
      .where('conversation_id', '=', conversationId)
      .where('left_at', 'is', null)
      .execute();
    if (!agentCanView(actor.agent, { ...conv, participantIds: joined.map((p) => p.agent_id) }))
      return;
  }
  const readerType = actor.kind;
  const readerId = actor.kind === 'visitor' ? actor.visitor.id : actor.agent.id;
  const mark = Math.min(seq, actor.kind === 'visitor' ? conv.last_public_seq : conv.last_seq);
  const now = deps.clock.now();
  const moved = await deps.db
    .updateTable('read_marks')
    .set({ seq: mark, updated_at: now })
    .where('conversation_id', '=', conversationId)
    .where('reader_type', '=', readerType)
    .where('reader_id', '=', readerId)
    .where('seq', '<', mark)
    .executeTakeFirst();
  let changed = Number(moved.numUpdatedRows) === 1;
  if (!changed) {
    const inserted = await deps.db
      .insertInto('read_marks')
      .values({
        conversation_id: conversationId,
        reader_type: readerType,
        reader_id: readerId,
        seq: mark,
        updated_at: now,
      })
      .onConflict((oc) => oc.columns(['conversation_id', 'reader_type', 'reader_id']).doNothing())
      .executeTakeFirst();
    changed = Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1 && mark > 0;
  }
  if (!changed) return;
  deps.bus.publish({
    type: 'message.seen',
    conversationId,
    visitorId: conv.visitor_id,
    assigneeId: conv.assignee_id,
    reader: {
      type: readerType,
      id: readerId,
      name:
        actor.kind === 'visitor' ? (actor.visitor.name ?? actor.visitor.code) : actor.agent.name,
    },
    // What the visitor may know of an agent's mark stops at the last public message.
    seq: mark,
    publicSeq: Math.min(mark, conv.last_public_seq),
  });
}
