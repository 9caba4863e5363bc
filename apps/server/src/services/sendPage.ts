import type { PageCard } from '@parley/protocol';
import { agentCanSend, agentCanView } from '../domain/permissions.js';
import { AppError } from '../errors.js';
import { originOf } from '../origins.js';
import type { WriteResult } from '../storage/messageWriter.js';
import type { AgentRow, ConversationRow } from '../storage/schema.js';
import { commitMessage } from './commitMessage.js';
import type { Deps } from './deps.js';
import { fetchPageCard } from './pageFetch.js';

/** Where a site's pages may live: its allowed origins, and this server's own (the demo shop). */
export function siteOrigins(deps: Pick<Deps, 'config'>, allowedOriginsJson: string): string[] {
  let stored: unknown = [];
  try {
    stored = JSON.parse(allowedOriginsJson);
  } catch {
    stored = [];
  }
  const list = Array.isArray(stored)
    ? stored.map((o) => originOf(String(o))).filter((o): o is string => o !== null)
    : [];
  const own = originOf(deps.config.publicUrl);
  return [...new Set([...(own ? [own] : []), ...list])];
}

/**
 * "Send to page": a product card of a page on the visitor's site, which also takes the
 * visitor's page there. The URL must be on the site's allowed origins; the card is read from
 * that page only (never another host), and a page that cannot be read still gets a plain card.
 */
export async function sendPageCard(
  deps: Deps,
  agent: AgentRow,
  input: { conversationId: string; clientId: string; url: string },
): Promise<WriteResult> {
  const conv = await deps.db
    .selectFrom('conversations as c')
    .innerJoin('sites as s', 's.id', 'c.site_id')
    .select(['c.id', 'c.status', 'c.assignee_id', 's.allowed_origins'])
    .where('c.id', '=', input.conversationId)
    .executeTakeFirst();
  const joined = await deps.db
    .selectFrom('participants')
    .select('agent_id')
    .where('conversation_id', '=', input.conversationId)
    .where('left_at', 'is', null)
    .execute();
  const participantIds = joined.map((p) => p.agent_id);
  if (!conv || !agentCanView(agent, { ...conv, participantIds }))
    throw new AppError('NOT_FOUND', 'Conversation not found.');
  if (conv.status === 'closed') throw new AppError('CONVERSATION_CLOSED');
  if (!agentCanSend(agent, { ...conv, participantIds }, 'public'))
    throw new AppError('FORBIDDEN', 'Only the agent who owns this chat can reply to the visitor.');
  const card: PageCard = await fetchPageCard(input.url, siteOrigins(deps, conv.allowed_origins));
  return commitMessage(deps, {
    conversationId: input.conversationId,
    clientId: input.clientId,
    author: { type: 'agent', id: agent.id, name: agent.name },
    body: card.title,
    visibility: 'public',
    kind: 'card',
    payload: { card },
    guard: (c: ConversationRow) =>
      c.status === 'closed'
        ? new AppError('CONVERSATION_CLOSED')
        : agentCanSend(agent, { ...c, participantIds }, 'public')
          ? null
          : new AppError(
              'FORBIDDEN',
              'Only the agent who owns this chat can reply to the visitor.',
            ),
  });
}
