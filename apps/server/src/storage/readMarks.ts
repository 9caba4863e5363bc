import type { Store } from './store.js';

/** Whose mark: one per reader and conversation. */
export interface ReadMarkKey {
  conversationId: string;
  readerType: 'visitor' | 'agent';
  readerId: string;
}

/** A mark in both numberings: `seq` (agents) and `publicSeq` (the visitor's). */
export interface ReadMark {
  seq: number;
  publicSeq: number;
  now: number;
}

/**
 * Moves the reader's existing mark to `mark` if it is behind in `column`; true when it moved.
 * Marks only move forward, so the condition is on the column the caller compares.
 */
export async function advanceReadMark(
  db: Store,
  key: ReadMarkKey,
  mark: ReadMark,
  column: 'seq' | 'public_seq',
): Promise<boolean> {
  const below = column === 'seq' ? mark.seq : mark.publicSeq;
  const result = await db
    .updateTable('read_marks')
    .set({ seq: mark.seq, public_seq: mark.publicSeq, updated_at: mark.now })
    .where('conversation_id', '=', key.conversationId)
    .where('reader_type', '=', key.readerType)
    .where('reader_id', '=', key.readerId)
    .where(column, '<', below)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The reader's first mark; false when they had one already (nothing written). */
export async function insertReadMark(
  db: Store,
  key: ReadMarkKey,
  mark: ReadMark,
): Promise<boolean> {
  const inserted = await db
    .insertInto('read_marks')
    .values({
      conversation_id: key.conversationId,
      reader_type: key.readerType,
      reader_id: key.readerId,
      seq: mark.seq,
      public_seq: mark.publicSeq,
      updated_at: mark.now,
    })
    .onConflict((oc) => oc.columns(['conversation_id', 'reader_type', 'reader_id']).doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
}
