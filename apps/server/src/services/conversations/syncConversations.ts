import { AppError } from '../../errors.js';
import { withAccess } from '../access.js';
import type { Actor } from '../actor.js';
import type { Deps } from '../deps.js';
import { agentHistory, visitorHistory, type WithHistory } from './readConversations.js';

const SYNC_PAGE = 500;

export type SyncEntry = WithHistory;

/**
 * What a reconnecting client missed: every message after the seq it holds, per conversation,
 * filtered by what the caller may see. Conversations it may not see are left out silently.
 */
export async function syncConversations(
  deps: Deps,
  actor: Actor,
  wanted: Array<{ id: string; afterSeq: number }>,
): Promise<SyncEntry[]> {
  const out: SyncEntry[] = [];
  // The scope once for the whole batch, not once per conversation.
  const agent = actor.kind === 'agent' ? await withAccess(deps, actor.agent) : null;
  for (const w of wanted) {
    const page = { afterSeq: w.afterSeq, limit: SYNC_PAGE };
    try {
      out.push(
        actor.kind === 'visitor'
          ? await visitorHistory(deps, actor.visitor, w.id, page)
          : await agentHistory(deps, agent!, w.id, page),
      );
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'NOT_FOUND')) throw err;
    }
  }
  return out;
}
