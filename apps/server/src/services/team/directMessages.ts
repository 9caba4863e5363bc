import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import {
  directThread,
  findDirectMessage,
  insertDirectMessage,
  lastDirectSeq,
} from '../../storage/directMessages.js';
import type { AgentRow, DirectMessageRow } from '../../storage/schema.js';
import { inTransaction } from '../../storage/store.js';
import { activeAgent } from '../../storage/ticketWrites.js';
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
  const recipient = await activeAgent(deps.store, input.toAgentId);
  if (!recipient) throw new AppError('NOT_FOUND', 'No such agent.');
  const thread = threadOf(sender.id, recipient.id);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const result = await inTransaction(deps.store, async (tx) => {
        const existing = await findDirectMessage(tx, thread, input.clientId);
        if (existing) return { message: existing, duplicate: true };
        const lastSeq = await lastDirectSeq(tx, thread);
        const now = deps.clock.now();
        const message: DirectMessageRow = {
          id: newId(now),
          thread,
          seq: lastSeq + 1,
          client_id: input.clientId,
          sender_id: sender.id,
          recipient_id: recipient.id,
          body: input.body,
          created_at: now,
        };
        await insertDirectMessage(tx, message);
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
  return directThread(deps.store, threadOf(reader.id, otherId), afterSeq);
}
