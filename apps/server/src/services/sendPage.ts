import type { PageCard } from '@parley/protocol';
import { originOf } from '../origins.js';
import type { WriteResult } from '../storage/messageWriter.js';
import type { AgentRow } from '../storage/schema.js';
import { commitMessage } from './commitMessage.js';
import type { Deps } from './deps.js';
import { agentSendGuard, agentWriteTarget } from './sendMessage.js';
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
  const { conv, participantIds } = await agentWriteTarget(deps, agent, input.conversationId);
  const refusal = agentSendGuard(agent, participantIds, 'public')(conv);
  if (refusal) throw refusal;
  const site = await deps.db
    .selectFrom('conversations as c')
    .innerJoin('sites as s', 's.id', 'c.site_id')
    .select('s.allowed_origins')
    .where('c.id', '=', conv.id)
    .executeTakeFirstOrThrow();
  const card: PageCard = await fetchPageCard(input.url, siteOrigins(deps, site.allowed_origins));
  return commitMessage(deps, {
    conversationId: input.conversationId,
    clientId: input.clientId,
    author: { type: 'agent', id: agent.id, name: agent.name },
    body: card.title,
    visibility: 'public',
    kind: 'card',
    payload: { card },
    guard: agentSendGuard(agent, participantIds, 'public'),
  });
}
