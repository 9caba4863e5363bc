import { z } from 'zod';
import { Id } from './ids.js';
import type { Visibility } from './models.js';
import { ConversationStatus } from './models.js';
import type { ConversationTag } from './tags.js';
import type { TicketStatus } from './tickets.js';
import { MAX_TAG_FILTER } from './tagLimits.js';

export const MAX_SEARCH_LENGTH = 200;
export const MAX_SEARCH_PAGE = 50;
export const searchKinds = ['all', 'chats', 'messages', 'visitors', 'tickets'] as const;

const Instant = z.iso.datetime({ offset: true }).transform((s) => Date.parse(s));

/** `tagId=a&tagId=b`: chats carrying every one of these tags. */
const TagFilter = z
  .union([Id, z.array(Id).max(MAX_TAG_FILTER, `at most ${MAX_TAG_FILTER} tags`)])
  .transform((v) => [...new Set(Array.isArray(v) ? v : [v])])
  .optional();

/**
 * GET /api/search: any text is valid (only its words count); the filters narrow every
 * group. `typing` makes the last word a prefix, for results while the agent types.
 */
export const SearchQuery = z.object({
  q: z
    .string()
    .max(MAX_SEARCH_LENGTH, `must be at most ${MAX_SEARCH_LENGTH} characters`)
    .default(''),
  kind: z.enum(searchKinds).default('all'),
  typing: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
  from: Instant.optional(),
  to: Instant.optional(),
  siteId: Id.optional(),
  departmentId: Id.optional(),
  agentId: Id.optional(),
  status: ConversationStatus.optional(),
  rating: z.enum(['good', 'bad']).optional(),
  channel: z.enum(['web']).optional(),
  tagId: TagFilter,
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_PAGE).default(20),
  offset: z.coerce.number().int().min(0).max(10_000).default(0),
});
export type SearchQuery = z.input<typeof SearchQuery>;

/** Text with the ranges ([start, end) in UTF-16 units) that matched the query. */
export interface Highlighted {
  text: string;
  highlights: Array<[number, number]>;
}

/** The chat a hit belongs to, enough to show it in a result list. */
export interface SearchChat {
  id: string;
  status: ConversationStatus;
  siteName: string;
  visitor: { id: string; code: string; name: string | null };
  assigneeName: string | null;
  createdAt: string;
  closedAt: string | null;
  /** "Rename chat": shown instead of the visitor when set. */
  title: string | null;
  tags: ConversationTag[];
}

export interface MessageSearchHit {
  id: string;
  seq: number;
  createdAt: string;
  visibility: Visibility;
  author: { type: 'visitor' | 'agent' | 'system'; name: string | null };
  snippet: Highlighted;
  chat: SearchChat;
}

export interface VisitorSearchHit {
  id: string;
  code: string;
  name: string | null;
  email: string | null;
  siteId: string;
  lastSeenAt: string;
  /** Their most recent chat the reader may open; null when there is none. */
  lastChatId: string | null;
}

/** A ticket found by its subject; the console opens it at /tickets/<id>. */
export interface TicketSearchHit {
  id: string;
  /** The subject with the matched words as ranges. */
  subject: Highlighted;
  status: TicketStatus;
  /** Who asked: the requester's name and email. */
  name: string;
  email: string;
  siteId: string;
  createdAt: string;
}

export interface SearchGroup<T> {
  items: T[];
  /** More hits follow: ask again with offset + items.length. */
  hasMore: boolean;
}

export interface SearchResponse {
  chats: SearchGroup<SearchChat>;
  messages: SearchGroup<MessageSearchHit>;
  visitors: SearchGroup<VisitorSearchHit>;
  /**
   * Tickets by subject, within the reader's sites and departments. Empty when a filter only
   * chats have (status, rating, channel, tag) is set.
   */
  tickets: SearchGroup<TicketSearchHit>;
}

/** GET /api/archive: closed chats, newest first, narrowed by the same filters. */
export const ArchiveQuery = z.object({
  from: Instant.optional(),
  to: Instant.optional(),
  siteId: Id.optional(),
  departmentId: Id.optional(),
  agentId: Id.optional(),
  rating: z.enum(['good', 'bad', 'none']).optional(),
  channel: z.enum(['web']).optional(),
  tagId: TagFilter,
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_PAGE).default(25),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});
export type ArchiveQuery = z.input<typeof ArchiveQuery>;

/** One closed chat as the Archive lists it. */
export interface ArchivedChat {
  id: string;
  siteName: string;
  visitor: { id: string; code: string; name: string | null; email: string | null };
  assignee: { id: string; name: string } | null;
  department: { id: string; name: string } | null;
  createdAt: string;
  closedAt: string;
  /** From the start of the chat to its end. */
  durationSeconds: number;
  rating: { value: 'good' | 'bad'; comment: string | null } | null;
  /** The visitor's first message, as they wrote it (null when they wrote none). */
  firstMessage: string | null;
  title: string | null;
  tags: ConversationTag[];
}

export interface ArchiveResponse {
  chats: ArchivedChat[];
  hasMore: boolean;
}
