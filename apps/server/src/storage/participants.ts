import type { Store } from './store.js';

/** Colleagues in the chat now (invited and not left). */
export async function activeParticipantIds(db: Store, conversationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('participants')
    .select('agent_id')
    .where('conversation_id', '=', conversationId)
    .where('left_at', 'is', null)
    .execute();
  return rows.map((p) => p.agent_id);
}

/** Puts an agent into the chat, or back into it if they had left. */
export async function joinChat(
  db: Store,
  conversationId: string,
  agentId: string,
  now: number,
): Promise<void> {
  await db
    .insertInto('participants')
    .values({ conversation_id: conversationId, agent_id: agentId, joined_at: now, left_at: null })
    .onConflict((oc) =>
      oc.columns(['conversation_id', 'agent_id']).doUpdateSet({ joined_at: now, left_at: null }),
    )
    .execute();
}

function setLeft(db: Store, conversationId: string, now: number) {
  return db
    .updateTable('participants')
    .set({ left_at: now })
    .where('conversation_id', '=', conversationId);
}

/** The agent leaves the chat if they are in it; false when they were not. */
export async function leaveChat(
  db: Store,
  conversationId: string,
  agentId: string,
  now: number,
): Promise<boolean> {
  const result = await setLeft(db, conversationId, now)
    .where('agent_id', '=', agentId)
    .where('left_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records the agent's leaving now, whether or not they had left before. */
export async function markLeftAt(
  db: Store,
  conversationId: string,
  agentId: string,
  now: number,
): Promise<void> {
  await setLeft(db, conversationId, now).where('agent_id', '=', agentId).execute();
}

/** Every colleague still in the chat leaves it (it ended). */
export async function leaveChatAll(db: Store, conversationId: string, now: number): Promise<void> {
  await setLeft(db, conversationId, now).where('left_at', 'is', null).execute();
}
