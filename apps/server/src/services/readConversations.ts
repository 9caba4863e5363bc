import type { ConversationStatus } from '@parley/protocol';
import { isSupervisor } from '../domain/actors.js';
import { agentCanView } from '../domain/permissions.js';
import { visibleToVisitor } from '../domain/visibility.js';
import { AppError } from '../errors.js';
import {
  findConversationView,
  listConversationViews,
  type ConversationView,
} from '../storage/conversations.js';
import { listMessages } from '../storage/messages.js';
import type { AgentRow, MessageRow, VisitorRow } from '../storage/schema.js';
import type { Deps } from './deps.js';

const ALL: readonly MessageRow['visibility'][] = ['public', 'private'];
const notFound = () => new AppError('NOT_FOUND', 'Conversation not found.');

export interface ListFilter {
  status?: ConversationStatus | undefined;
  mine?: boolean | undefined;
  limit: number;
}

export function listAgentConversations(
  deps: Deps,
  agent: AgentRow,
  f: ListFilter,
): Promise<ConversationView[]> {
  return listConversationViews(deps.db, {
    status: f.status,
    assigneeId: f.mine ? agent.id : undefined,
    visibleToAgentId: isSupervisor(agent) ? undefined : agent.id,
    limit: f.limit,
  });
}

export async function getAgentConversation(
  deps: Deps,
  agent: AgentRow,
  id: string,
): Promise<ConversationView> {
  const view = await findConversationView(deps.db, id);
  if (!view || !agentCanView(agent, view)) throw notFound();
  return view;
}

export async function agentHistory(
  deps: Deps,
  agent: AgentRow,
  id: string,
  page: { afterSeq: number; limit: number },
): Promise<{ conversation: ConversationView; messages: MessageRow[] }> {
  const conversation = await getAgentConversation(deps, agent, id);
  const messages = await listMessages(deps.db, id, { ...page, visibilities: ALL });
  return { conversation, messages };
}

/** A visitor reads only their own conversations, and only public messages. */
export async function getVisitorConversation(
  deps: Deps,
  visitor: VisitorRow,
  id: string,
): Promise<ConversationView> {
  const view = await findConversationView(deps.db, id);
  if (!view || view.visitor_id !== visitor.id) throw notFound();
  return view;
}

export async function visitorHistory(
  deps: Deps,
  visitor: VisitorRow,
  id: string,
  page: { afterSeq: number; limit: number },
): Promise<{ conversation: ConversationView; messages: MessageRow[] }> {
  const conversation = await getVisitorConversation(deps, visitor, id);
  const messages = await listMessages(deps.db, id, { ...page, visibilities: visibleToVisitor() });
  return { conversation, messages };
}

/** The visitor's open conversation, else their most recent closed one, else null. */
export async function currentVisitorConversation(
  deps: Deps,
  visitor: VisitorRow,
): Promise<{ conversation: ConversationView; messages: MessageRow[] } | null> {
  const [latest] = await listConversationViews(deps.db, { visitorId: visitor.id, limit: 1 });
  if (!latest) return null;
  const messages = await listMessages(deps.db, latest.id, {
    afterSeq: 0,
    limit: 500,
    visibilities: visibleToVisitor(),
  });
  return { conversation: latest, messages };
}
