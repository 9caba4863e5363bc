import type {
  Highlighted,
  MessageSearchHit,
  SearchChat,
  SearchGroup,
  SearchResponse,
  TicketSearchHit,
  VisitorSearchHit,
} from '@parley/protocol';
import type { z } from 'zod';
import type { SearchQuery } from '@parley/protocol';
import { isSupervisor } from '../../domain/actors.js';
import { parseSearch, type SearchTerm } from '../../domain/searchQuery.js';
import type { AccessScope } from '../../domain/access.js';
import type { AgentRow } from '../../storage/schema.js';
import { searchTickets, type TicketHit } from '../../storage/searchTickets.js';
import {
  allOf,
  chatsOfAgent,
  HIT_END,
  HIT_START,
  searchMessages,
  searchVisitors,
  chatSummaries,
  latestChats,
  type ChatAccess,
  type ChatSummary,
  type MessageHit,
  type SearchFilters,
  type VisitorHit,
} from '../../storage/search.js';
import { conversationVisible } from '../../storage/access.js';
import { scopeOf } from '../access.js';
import type { Deps } from '../deps.js';
// Titles and tags (chatLabels.ts): chats found by them, the tag filter, and their badges.
import { withEveryTag } from '../../storage/labelSearch.js';
import { chatLabels, chatsByVisitorOrLabel, type PresentedLabels } from './chatLabels.js';

type Query = z.output<typeof SearchQuery>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A snippet with its marks turned into ranges, so the console never renders markup from it. */
export function highlighted(snippet: string): Highlighted {
  let text = '';
  const highlights: Array<[number, number]> = [];
  let start = -1;
  for (const ch of snippet) {
    if (ch === HIT_START) start = text.length;
    else if (ch === HIT_END) {
      if (start >= 0 && text.length > start) highlights.push([start, text.length]);
      start = -1;
    } else text += ch;
  }
  return { text, highlights };
}

function presentChat(c: ChatSummary, labels: ReadonlyMap<string, PresentedLabels>): SearchChat {
  return {
    ...(labels.get(c.id) ?? { title: null, tags: [] }),
    id: c.id,
    status: c.status,
    siteName: c.site_name,
    visitor: { id: c.visitor_id, code: c.visitor_code, name: c.visitor_name },
    assigneeName: c.assignee_name,
    createdAt: iso(c.created_at)!,
    closedAt: iso(c.closed_at),
  };
}

function group<T>(items: T[], limit: number): SearchGroup<T> {
  return { items: items.slice(0, limit), hasMore: items.length > limit };
}

/**
 * The chats a reader may open, as a condition for the search and archive queries: the sites
 * and departments of their scope (storage/access.ts, the rule of every other path), and for
 * an agent who is no supervisor, only waiting chats and their own within those.
 */
export async function readerAccess(
  deps: Deps,
  reader: AgentRow,
): Promise<{ chats: ChatAccess; siteIds: readonly string[] | null; scope: AccessScope }> {
  const scope = await scopeOf(deps, reader);
  const place = scope.kind === 'all' ? null : conversationVisible(scope, 'c');
  const own = isSupervisor(reader) ? null : chatsOfAgent(reader.id);
  return {
    chats: allOf([place, own]),
    siteIds: scope.kind === 'all' ? null : scope.siteIds,
    scope,
  };
}

function presentTicket(t: TicketHit): TicketSearchHit {
  return {
    id: t.id,
    subject: highlighted(t.subject),
    status: t.status,
    name: t.name,
    email: t.email,
    siteId: t.site_id,
    createdAt: iso(t.created_at)!,
  };
}

/** Tickets have no status, rating, channel or tag of a chat: such a filter leaves none. */
function ticketsFiltered(q: Query): boolean {
  return (
    q.status !== undefined ||
    q.rating !== undefined ||
    q.channel !== undefined ||
    (q.tagId?.length ?? 0) > 0
  );
}

type Found = {
  messages: MessageHit[];
  chats: Array<{ id: string }>;
  visitors: VisitorHit[];
  tickets: TicketHit[];
  access: ChatAccess;
};

/** Each group's rows, one more than the page (it tells whether another page follows). */
async function find(deps: Deps, reader: AgentRow, q: Query, terms: SearchTerm[]): Promise<Found> {
  const filters: SearchFilters = {
    from: q.from,
    to: q.to,
    siteId: q.siteId,
    departmentId: q.departmentId,
    agentId: q.agentId,
    status: q.status,
    rating: q.rating,
    channel: q.channel,
  };
  const { chats: readable, siteIds, scope } = await readerAccess(deps, reader);
  const access = allOf([readable, withEveryTag(q.tagId)]);
  const page = { limit: q.limit + 1, offset: q.offset };
  const wants = (kind: Query['kind']) => q.kind === 'all' || q.kind === kind;
  const none = Promise.resolve([]);
  const [messages, chats, visitors, tickets] = await Promise.all([
    wants('messages')
      ? searchMessages(deps.store, deps.dialect, {
          terms,
          filters,
          access,
          visibilities: ['public', 'private'],
          page,
        })
      : none,
    wants('chats') ? chatsByVisitorOrLabel(deps, { terms, filters, access, page }) : none,
    // Visitors have no chat to be narrowed by; the site filter still applies.
    wants('visitors')
      ? searchVisitors(deps.store, deps.dialect, { terms, siteIds, siteId: q.siteId, page })
      : none,
    wants('tickets') && !ticketsFiltered(q)
      ? searchTickets(deps.store, deps.dialect, { terms, scope, filters, page })
      : none,
  ]);
  return { messages, chats, visitors, tickets, access };
}

/**
 * One search over messages (private notes included: the reader is an agent), chats by their
 * visitor, title or tags, visitors, and tickets by subject; each group paged on its own,
 * newest first, narrowed by the filters and by what the reader may open. Visitors never reach
 * this: it takes an agent.
 */
export async function search(deps: Deps, reader: AgentRow, q: Query): Promise<SearchResponse> {
  const terms = parseSearch(q.q, { typing: q.typing });
  const empty = { items: [], hasMore: false };
  if (terms.length === 0) return { chats: empty, messages: empty, visitors: empty, tickets: empty };
  const { messages, chats, visitors, tickets, access } = await find(deps, reader, q, terms);
  const [summaries, latest] = await Promise.all([
    chatSummaries(deps.store, [
      ...new Set([...messages.map((m) => m.conversation_id), ...chats.map((c) => c.id)]),
    ]),
    latestChats(
      deps.store,
      visitors.map((v) => v.id),
      access,
    ),
  ]);
  const labels = await chatLabels(deps, [...summaries.keys()]);
  const messageHits: MessageSearchHit[] = messages.map((m) => ({
    id: m.id,
    seq: m.seq,
    createdAt: iso(m.created_at)!,
    visibility: m.visibility,
    author: { type: m.author_type, name: m.author_name },
    snippet: highlighted(m.snippet),
    chat: presentChat(summaries.get(m.conversation_id)!, labels),
  }));
  const visitorHits: VisitorSearchHit[] = visitors.map((v) => ({
    id: v.id,
    code: v.code,
    name: v.name,
    email: v.email,
    siteId: v.site_id,
    lastSeenAt: iso(v.last_seen_at)!,
    lastChatId: latest.get(v.id) ?? null,
  }));
  return {
    messages: group(messageHits, q.limit),
    chats: group(
      chats.map((c) => presentChat(summaries.get(c.id)!, labels)),
      q.limit,
    ),
    visitors: group(visitorHits, q.limit),
    tickets: group(tickets.map(presentTicket), q.limit),
  };
}
