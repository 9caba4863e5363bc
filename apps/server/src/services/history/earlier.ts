import { MAX_EARLIER_MESSAGES, type EarlierInput, type EarlierQuery } from '@parley/protocol';
import type { z } from 'zod';
import type { AccessScope } from '../../domain/access.js';
import { isSupervisor } from '../../domain/actors.js';
import { samePerson, vouchedEmail } from '../../domain/returning.js';
import { visibleToVisitor } from '../../domain/visibility.js';
import { AppError } from '../../errors.js';
import {
  conversationsOfAgent,
  countEarlier,
  earlierPoint,
  findVisitorIdentity,
  firstMessages,
  listEarlier,
  visitorsWithEmail,
  type ConversationPoint,
  type EarlierFilter,
  type EarlierRow,
  type VisitorIdentity,
} from '../../storage/earlier.js';
import type { AgentRow, MessageRow, VisitorRow } from '../../storage/schema.js';
import { scopeOf } from '../access.js';
import {
  getAgentConversation,
  getVisitorConversation,
} from '../conversations/readConversations.js';
import type { Deps } from '../deps.js';

/**
 * "Earlier conversations" above a chat: the ended chats of the same person (domain/returning.ts)
 * older than the one shown. An agent who may open the chat reads what the visitor and the
 * agents said in them, within the agent's sites and departments; private notes only of
 * earlier chats the agent may open (a supervisor, or one who owned or joined it), the rule of
 * every other path to a closed chat. The visitor reads public messages only.
 */

type Page = Pick<z.output<typeof EarlierQuery>, 'before' | 'limit'>;

export interface EarlierEntry {
  conversation: EarlierRow;
  messages: MessageRow[];
  truncated: boolean;
}

export interface EarlierPage {
  total: number;
  entries: EarlierEntry[];
  nextCursor: string | null;
}

/** The visitor and those a signed identity shows to be the same person, on the same site. */
async function personOf(deps: Deps, visitor: VisitorIdentity): Promise<string[]> {
  const email = vouchedEmail(visitor);
  if (email === null) return [visitor.id];
  return samePerson(visitor, await visitorsWithEmail(deps.store, visitor.site_id, email));
}

interface Reading {
  filter: EarlierFilter;
  page: Page;
  /** Which visibilities to load from each listed conversation. */
  visibilities: (ids: readonly string[]) => Promise<(id: string) => MessageRow['visibility'][]>;
}

async function readEarlier(deps: Deps, r: Reading): Promise<EarlierPage> {
  const { filter, page } = r;
  let cursor: ConversationPoint | null = null;
  if (page.before !== undefined) {
    cursor = (await earlierPoint(deps.store, filter, page.before)) ?? null;
    if (!cursor)
      throw new AppError('VALIDATION_FAILED', 'Unknown cursor.', { before: 'unknown cursor' });
  }
  const [total, rows] = await Promise.all([
    countEarlier(deps.store, filter),
    page.limit > 0
      ? listEarlier(deps.store, filter, { cursor, limit: page.limit + 1 })
      : Promise.resolve([]),
  ]);
  const shown = rows.slice(0, page.limit);
  const visibilitiesOf = await r.visibilities(shown.map((c) => c.id));
  const entries = await Promise.all(
    shown.map(async (conversation) => {
      const messages = await firstMessages(
        deps.store,
        conversation.id,
        visibilitiesOf(conversation.id),
        MAX_EARLIER_MESSAGES + 1,
      );
      return {
        conversation,
        messages: messages.slice(0, MAX_EARLIER_MESSAGES),
        truncated: messages.length > MAX_EARLIER_MESSAGES,
      };
    }),
  );
  // Listed newest first to page backwards; shown oldest first, the newest just above the chat.
  entries.reverse();
  return {
    total,
    entries,
    nextCursor: rows.length > page.limit && shown.length > 0 ? shown[shown.length - 1]!.id : null,
  };
}

async function identityOf(deps: Deps, visitorId: string): Promise<VisitorIdentity> {
  const visitor = await findVisitorIdentity(deps.store, visitorId);
  if (!visitor) throw new AppError('NOT_FOUND', 'Conversation not found.');
  return visitor;
}

/** For an agent who may open conversation `id`: the earlier conversations of its visitor. */
export async function agentEarlier(
  deps: Deps,
  agent: AgentRow,
  id: string,
  page: Page,
): Promise<EarlierPage> {
  const current = await getAgentConversation(deps, agent, id);
  const visitor = await identityOf(deps, current.visitor_id);
  const access: AccessScope = await scopeOf(deps, agent);
  const filter: EarlierFilter = {
    siteId: current.site_id,
    visitorIds: await personOf(deps, visitor),
    below: current,
    access,
  };
  return readEarlier(deps, {
    filter,
    page,
    visibilities: async (ids) => {
      const withNotes = isSupervisor(agent)
        ? new Set(ids)
        : await conversationsOfAgent(deps.store, agent.id, ids);
      return (cid) => (withNotes.has(cid) ? ['public', 'private'] : ['public']);
    },
  });
}

/**
 * For the visitor: their earlier conversations, public messages only; older than their
 * conversation `conversationId`, or all ended ones when the widget shows none.
 */
export async function visitorEarlier(
  deps: Deps,
  visitor: VisitorRow,
  input: z.output<typeof EarlierInput>,
): Promise<EarlierPage> {
  const below = input.conversationId
    ? await getVisitorConversation(deps, visitor, input.conversationId)
    : null;
  // Read fresh: a socket's copy of the row may not have caught up with an identify() yet.
  const filter: EarlierFilter = {
    siteId: visitor.site_id,
    visitorIds: await personOf(deps, await identityOf(deps, visitor.id)),
    below,
    access: null,
  };
  const publicOnly = () => [...visibleToVisitor()];
  return readEarlier(deps, {
    filter,
    page: input,
    visibilities: () => Promise.resolve(publicOnly),
  });
}
