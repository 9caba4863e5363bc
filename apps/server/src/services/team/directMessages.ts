import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import type { AgentRow, DirectMessageRow } from '../../storage/schema.js';
import type { Deps } from '../deps.js';

export function threadOf(a: string, b: string): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

/**
 * Sends a message to a colleague. Idempotent on clientId like visitor chat; the next seq is
 * taken inside the transaction and the unique (thread, seq) index settles a collision, which
 * is retried.
 */
export async function sendDirectMessage(
  deps: Deps,
  sender: AgentRow,
  input: { toAgentId: string; clientId: string; body: string },
): Promise<{ message: DirectMessageRow; duplicate: boolean }> {
  if (input.toAgentId === sender.id)
    throw new AppError('VALIDATION_FAILED', 'You cannot message yourself.', {
      toAgentId: 'is you',
    });
  const recipient = await deps.store
    .selectFrom('agents')
    .select('id')
    .where('id', '=', input.toAgentId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!recipient) throw new AppError('NOT_FOUND', 'No such agent.');
  const thread = threadOf(sender.id, recipient.id);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const result = await deps.store.transaction().execute(async (trx) => {
        const existing = await trx
          .selectFrom('direct_messages')
          .selectAll()
          .where('thread', '=', thread)
          .where('client_id', '=', input.clientId)
          .executeTakeFirst();
        if (existing) return { message: existing, duplicate: true };
        const last = await trx
          .selectFrom('direct_messages')
          .select((eb) => eb.fn.max('seq').as('seq'))
          .where('thread', '=', thread)
          .executeTakeFirst();
        const now = deps.clock.now();
        const message: DirectMessageRow = {
          id: newId(now),
          thread,
          seq: Number(last?.seq ?? 0) + 1,
          client_id: input.clientId,
          sender_id: sender.id,
          recipient_id: recipient.id,
          body: input.body,
          created_at: now,
        };
        await trx.insertInto('direct_messages').values(message).execute();
        return { message, duplicate: false };
      });
      if (!result.duplicate) deps.bus.publish({ type: 'direct.created', message: result.message });
      return result;
    } catch (err) {
      if (attempt === 4) throw err;
    }
  }
  throw new AppError('STORAGE_UNAVAILABLE');
}

export async function directHistory(
  deps: Deps,
  reader: AgentRow,
  otherId: string,
  afterSeq: number,
): Promise<DirectMessageRow[]> {
  return deps.store
    .selectFrom('direct_messages')
    .selectAll()
    .where('thread', '=', threadOf(reader.id, otherId))
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(500)
    .execute();
}
