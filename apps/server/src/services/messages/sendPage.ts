import type { PageCard, SendPageInput } from '@parley/protocol';
import { siteOrigins } from '../../origins.js';
import { allowedOriginsOfChat } from '../../storage/conversations.js';
import type { WriteResult } from '../../storage/messageWriter.js';
import type { AgentRow } from '../../storage/schema.js';
import { commitMessage } from './commitMessage.js';
import type { Deps } from '../deps.js';
import { agentSendGuard, agentWriteTarget } from './sendMessage.js';
import { fetchPageCard } from '../visitors/pageFetch.js';

/**
 * "Send to page": a product card of a page on the visitor's site, which also takes the
 * visitor's page there. The URL must be on the site's allowed origins; the card is read from
 * that page only (never another host), and a page that cannot be read still gets a plain card.
 */
export async function sendPageCard(
  deps: Deps,
  agent: AgentRow,
  input: SendPageInput,
): Promise<WriteResult> {
  const target = await agentWriteTarget(deps, agent, input.conversationId);
  const { conv, participantIds } = target;
  const refusal = agentSendGuard(target.agent, participantIds, 'public')(conv);
  if (refusal) throw refusal;
  const allowedOrigins = await allowedOriginsOfChat(deps.store, conv.id);
  const card: PageCard = await fetchPageCard(
    input.url,
    siteOrigins(deps.config.publicUrl, allowedOrigins),
  );
  return commitMessage(deps, {
    conversationId: input.conversationId,
    clientId: input.clientId,
    author: { type: 'agent', id: agent.id, name: agent.name },
    body: card.title,
    visibility: 'public',
    kind: 'card',
    payload: { card },
    guard: agentSendGuard(target.agent, participantIds, 'public'),
  });
}
