import type { Actor } from '../actor.js';
import { agentCanView } from '../../domain/permissions.js';
import { findConversationState } from '../../storage/conversationWrites.js';
import { publicSeqAtOrBelow, seqOfPublic } from '../../storage/messages.js';
import { activeParticipantIds } from '../../storage/participants.js';
import { advanceReadMark, insertReadMark, type ReadMarkKey } from '../../storage/readMarks.js';
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
  const conv = await findConversationState(deps.store, conversationId);
  if (!conv) return;
  if (actor.kind === 'visitor' && conv.visitor_id !== actor.visitor.id) return;
  if (actor.kind === 'agent') {
    const participantIds = await activeParticipantIds(deps.store, conversationId);
    const agent = await withAccess(deps, actor.agent);
    if (!agentCanView(agent, { ...conv, participantIds })) return;
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
  key: ReadMarkKey,
  mark: number,
  publicSeq: number,
): Promise<{ changed: boolean; publicMoved: boolean }> {
  const marked = { seq: mark, publicSeq, now: deps.clock.now() };
  // Both numberings only move forward together, so a public move is a move of seq too.
  if (await advanceReadMark(deps.store, key, marked, 'public_seq'))
    return { changed: true, publicMoved: true };
  if (await advanceReadMark(deps.store, key, marked, 'seq'))
    return { changed: true, publicMoved: false };
  const changed = (await insertReadMark(deps.store, key, marked)) && mark > 0;
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
