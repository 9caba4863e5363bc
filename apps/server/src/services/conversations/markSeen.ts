import type { Actor } from '../actor.js';
import { agentCanView } from '../../domain/permissions.js';
import { publicSeqAtOrBelow, seqOfPublic } from '../../storage/messages.js';
import { withAccess } from '../access.js';
import type { Deps } from '../deps.js';

/**
 * Read receipts: the reader has seen the conversation up to `seq`. Marks only move forward;
 * a mark that did not move is not announced. Like typing, an unauthorised mark is dropped.
 * A visitor counts in public_seq, an agent in seq; each mark is stored in both numberings,
 * so agents see the visitor's receipt on the right message and the visitor never learns of
 * a note from an agent's.
 */
export async function markSeen(
  deps: Deps,
  actor: Actor,
  conversationId: string,
  seq: number,
): Promise<void> {
  const conv = await deps.store
    .selectFrom('conversations')
    .select([
      'id',
      'site_id',
      'department_id',
      'visitor_id',
      'assignee_id',
      'status',
      'last_seq',
      'last_public_seq',
    ])
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (!conv) return;
  if (actor.kind === 'visitor' && conv.visitor_id !== actor.visitor.id) return;
  if (actor.kind === 'agent') {
    const joined = await deps.store
      .selectFrom('participants')
      .select('agent_id')
      .where('conversation_id', '=', conversationId)
      .where('left_at', 'is', null)
      .execute();
    const agent = await withAccess(deps, actor.agent);
    if (!agentCanView(agent, { ...conv, participantIds: joined.map((p) => p.agent_id) })) return;
  }
  const readerType = actor.kind;
  const readerId = actor.kind === 'visitor' ? actor.visitor.id : actor.agent.id;
  const { mark, publicSeq } = await placeOfMark(deps, actor.kind, conv, seq);
  const key = { conversationId, readerType, readerId };
  const { changed, publicMoved } = await saveMark(deps, key, mark, publicSeq);
  if (!changed) return;
  deps.bus.publish({
    type: 'message.seen',
    conversationId,
    visitorId: conv.visitor_id,
    siteId: conv.site_id,
    departmentId: conv.department_id,
    assigneeId: conv.assignee_id,
    reader: {
      type: readerType,
      id: readerId,
      name:
        actor.kind === 'visitor' ? (actor.visitor.name ?? actor.visitor.code) : actor.agent.name,
    },
    seq: mark,
    // What the visitor may know of an agent's mark stops at the last public message before it.
    publicSeq,
    publicMoved,
  });
}

/**
 * Moves the reader's mark forward, creating it the first time. `publicMoved`: it moved in the
 * visitor's numbering too. An agent reading on past a note moves only `seq`, and the visitor
 * must not hear of that: a receipt with nothing new would tell that a note was written.
 */
async function saveMark(
  deps: Deps,
  key: { conversationId: string; readerType: 'visitor' | 'agent'; readerId: string },
  mark: number,
  publicSeq: number,
): Promise<{ changed: boolean; publicMoved: boolean }> {
  const now = deps.clock.now();
  const forward = (column: 'seq' | 'public_seq', below: number) =>
    deps.store
      .updateTable('read_marks')
      .set({ seq: mark, public_seq: publicSeq, updated_at: now })
      .where('conversation_id', '=', key.conversationId)
      .where('reader_type', '=', key.readerType)
      .where('reader_id', '=', key.readerId)
      .where(column, '<', below)
      .executeTakeFirst();
  // Both numberings only move forward together, so a public move is a move of seq too.
  if (Number((await forward('public_seq', publicSeq)).numUpdatedRows) === 1)
    return { changed: true, publicMoved: true };
  if (Number((await forward('seq', mark)).numUpdatedRows) === 1)
    return { changed: true, publicMoved: false };
  const inserted = await deps.store
    .insertInto('read_marks')
    .values({
      conversation_id: key.conversationId,
      reader_type: key.readerType,
      reader_id: key.readerId,
      seq: mark,
      public_seq: publicSeq,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(['conversation_id', 'reader_type', 'reader_id']).doNothing())
    .executeTakeFirst();
  const changed = Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1 && mark > 0;
  return { changed, publicMoved: changed && publicSeq > 0 };
}

/** A mark in both numberings, never past the last message (the last public one for a visitor). */
async function placeOfMark(
  deps: Deps,
  reader: Actor['kind'],
  conv: { id: string; last_seq: number; last_public_seq: number },
  seq: number,
): Promise<{ mark: number; publicSeq: number }> {
  if (reader === 'visitor') {
    const publicSeq = Math.min(seq, conv.last_public_seq);
    return { mark: await seqOfPublic(deps.store, conv.id, publicSeq), publicSeq };
  }
  const mark = Math.min(seq, conv.last_seq);
  return { mark, publicSeq: await publicSeqAtOrBelow(deps.store, conv.id, mark) };
}
