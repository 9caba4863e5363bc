import type { ConversationStatus } from '@parley/protocol';
import { isSupervisor } from '../../domain/actors.js';
import { agentCanView } from '../../domain/permissions.js';
import { visibleToVisitor } from '../../domain/visibility.js';
import { AppError } from '../../errors.js';
import { listConversationViews, type ConversationSnapshot } from '../../storage/conversations.js';
import { listMessages } from '../../storage/messages.js';
import type { AgentRow, MessageRow, VisitorRow } from '../../storage/schema.js';
import { withAccess } from '../access.js';
import type { Deps } from '../deps.js';
import { snapshotOf, snapshots } from './conversationSnapshots.js';

const ALL: readonly MessageRow['visibility'][] = ['public', 'private'];
const notFound = () => new AppError('NOT_FOUND', 'Conversation not found.');

export interface ListFilter {
  status?: ConversationStatus | undefined;
  mine?: boolean | undefined;
  limit: number;
}

export interface WithHistory {
  conversation: ConversationSnapshot;
  messages: MessageRow[];
}

export async function listAgentConversations(
  deps: Deps,
  agent: AgentRow,
  f: ListFilter,
): Promise<ConversationSnapshot[]> {
  const scoped = await withAccess(deps, agent);
  const views = await listConversationViews(deps.store, {
    status: f.status,
    assigneeId: f.mine ? agent.id : undefined,
    visibleToAgentId: isSupervisor(agent) ? undefined : agent.id,
    access: scoped.access,
    limit: f.limit,
  });
  return snapshots(deps, views);
}

export function participantIds(c: ConversationSnapshot): string[] {
  return c.participants.map((p) => p.id);
}

export async function getAgentConversation(
  deps: Deps,
  agent: AgentRow,
  id: string,
): Promise<ConversationSnapshot> {
  const c = await snapshotOf(deps, id);
  const scoped = await withAccess(deps, agent);
  if (!c || !agentCanView(scoped, { ...c, participantIds: participantIds(c) })) throw notFound();
  return c;
}

export async function agentHistory(
  deps: Deps,
  agent: AgentRow,
  id: string,
  page: { afterSeq: number; limit: number },
): Promise<WithHistory> {
  const conversation = await getAgentConversation(deps, agent, id);
  const messages = await listMessages(deps.store, id, { ...page, visibilities: ALL });
  return { conversation, messages };
}

/** A visitor reads only their own conversations, and only public messages. */
export async function getVisitorConversation(
  deps: Deps,
  visitor: VisitorRow,
  id: string,
): Promise<ConversationSnapshot> {
  const c = await snapshotOf(deps, id, { withQueue: true });
  if (!c || c.visitor_id !== visitor.id) throw notFound();
  return c;
}

export async function visitorHistory(
  deps: Deps,
  visitor: VisitorRow,
  id: string,
  page: { afterSeq: number; limit: number },
): Promise<WithHistory> {
  const conversation = await getVisitorConversation(deps, visitor, id);
  // A visitor counts in public_seq: "after n" means after their nth message, notes unseen.
  const messages = await listMessages(deps.store, id, {
    ...page,
    visibilities: visibleToVisitor(),
    numbering: 'public_seq',
  });
  return { conversation, messages };
}

/** The visitor's open conversation, else their most recent closed one, else null. */
export async function currentVisitorConversation(
  deps: Deps,
  visitor: VisitorRow,
): Promise<WithHistory | null> {
  const [latest] = await listConversationViews(deps.store, { visitorId: visitor.id, limit: 1 });
  if (!latest) return null;
  return visitorHistory(deps, visitor, latest.id, { afterSeq: 0, limit: 500 });
}
