import type { Kysely } from 'kysely';
import type { Database, MessageRow } from './schema.js';

export interface HistoryOptions {
  afterSeq: number;
  limit: number;
  /** Which visibilities the reader may see; the filter runs in the query. */
  visibilities: readonly MessageRow['visibility'][];
  /**
   * Which numbering `afterSeq` counts in and the replay is ordered by: `seq` for agents,
   * `public_seq` for visitors (who never see a note, so the two orders agree).
   */
  numbering?: 'seq' | 'public_seq';
}

/** Messages after a seq, in seq order: the replay a reconnecting client asks for. */
export async function listMessages(
  db: Kysely<Database>,
  conversationId: string,
  o: HistoryOptions,
): Promise<MessageRow[]> {
  const by = o.numbering ?? 'seq';
  return (
    db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where(by, '>', o.afterSeq)
      .where('visibility', 'in', [...o.visibilities])
      // The same order in both numberings, and the one the (conversation_id, seq) index keeps.
      .orderBy('seq', 'asc')
      .limit(o.limit)
      .execute()
  );
}

/** The seq of the public message numbered `publicSeq` for the visitor; 0 for none. */
export async function seqOfPublic(
  db: Kysely<Database>,
  conversationId: string,
  publicSeq: number,
): Promise<number> {
  if (publicSeq <= 0) return 0;
  const row = await db
    .selectFrom('messages')
    .select('seq')
    .where('conversation_id', '=', conversationId)
    .where('public_seq', '=', publicSeq)
    .executeTakeFirst();
  return row?.seq ?? 0;
}

/** Where `seq` falls in the visitor's numbering: the highest public_seq at or below it. */
export async function publicSeqAtOrBelow(
  db: Kysely<Database>,
  conversationId: string,
  seq: number,
): Promise<number> {
  if (seq <= 0) return 0;
  const row = await db
    .selectFrom('messages')
    .select('public_seq')
    .where('conversation_id', '=', conversationId)
    .where('seq', '<=', seq)
    .where('public_seq', 'is not', null)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.public_seq ?? 0;
}

/** A message of this conversation, as much as answering it needs: its kind, choices, visibility. */
export function findMessageInChat(
  db: Kysely<Database>,
  conversationId: string,
  messageId: string,
): Promise<Pick<MessageRow, 'kind' | 'payload' | 'visibility'> | undefined> {
  return db
    .selectFrom('messages')
    .select(['kind', 'payload', 'visibility'])
    .where('id', '=', messageId)
    .where('conversation_id', '=', conversationId)
    .executeTakeFirst();
}

/** Who may see a message (public or private); undefined when there is none. */
export function messageVisibility(
  db: Kysely<Database>,
  messageId: string,
): Promise<Pick<MessageRow, 'visibility'> | undefined> {
  return db
    .selectFrom('messages')
    .select('visibility')
    .where('id', '=', messageId)
    .executeTakeFirst();
}
