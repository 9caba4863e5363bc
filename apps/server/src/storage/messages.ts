import type { Kysely } from 'kysely';
import type { Database, MessageRow } from './schema.js';

export interface HistoryOptions {
  afterSeq: number;
  limit: number;
  /** Which visibilities the reader may see; the filter runs in the query. */
  visibilities: readonly MessageRow['visibility'][];
}

/** Messages after a seq, in seq order: the replay a reconnecting client asks for. */
export async function listMessages(
  db: Kysely<Database>,
  conversationId: string,
  o: HistoryOptions,
): Promise<MessageRow[]> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', o.afterSeq)
    .where('visibility', 'in', [...o.visibilities])
    .orderBy('seq', 'asc')
    .limit(o.limit)
    .execute();
}
