import type { Store } from './store.js';

/** Whether any agent account exists (none before the first start). */
export async function anyAgentExists(db: Store): Promise<boolean> {
  const row = await db.selectFrom('agents').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}
