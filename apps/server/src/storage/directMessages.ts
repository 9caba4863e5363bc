import type { DirectMessageRow } from './schema.js';
import type { Store } from './store.js';

/** A message already sent in the thread under this clientId (a retried send). */
export function findDirectMessage(
  db: Store,
  thread: string,
  clientId: string,
): Promise<DirectMessageRow | undefined> {
  return db
    .selectFrom('direct_messages')
    .selectAll()
    .where('thread', '=', thread)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/** The thread's highest seq; 0 for a new thread. */
export async function lastDirectSeq(db: Store, thread: string): Promise<number> {
  const last = await db
    .selectFrom('direct_messages')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('thread', '=', thread)
    .executeTakeFirst();
  return Number(last?.seq ?? 0);
}

/** Throws on a taken (thread, seq), which the caller retries. */
export async function insertDirectMessage(db: Store, message: DirectMessageRow): Promise<void> {
  await db.insertInto('direct_messages').values(message).execute();
}

/** Up to 500 messages of the thread after `afterSeq`, in order. */
export function directThread(
  db: Store,
  thread: string,
  afterSeq: number,
): Promise<DirectMessageRow[]> {
  return db
    .selectFrom('direct_messages')
    .selectAll()
    .where('thread', '=', thread)
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(500)
    .execute();
}
