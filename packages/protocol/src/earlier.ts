import { z } from 'zod';
import { Id } from './ids.js';
import type { Message } from './models.js';

/**
 * The returning customer: the earlier conversations of the same person, shown above the
 * current one ("Earlier conversations (N)"). The same person is the same visitor (device), or
 * visitors that a signed identity vouches to have the same email; a typed email never links.
 */

/** Earlier conversations per page. */
export const MAX_EARLIER_PAGE = 20;
/** Messages of one earlier conversation; a longer one is cut here (`truncated`). */
export const MAX_EARLIER_MESSAGES = 200;

const limit = z.coerce.number().int().min(0).max(MAX_EARLIER_PAGE).default(5);

/**
 * `GET …/conversations/:id/earlier`: the `limit` most recent earlier conversations (0: only
 * the count), then older ones with `before` = the `nextCursor` of the page before.
 */
export const EarlierQuery = z.object({ before: Id.optional(), limit });
export type EarlierQuery = z.input<typeof EarlierQuery>;

/**
 * The widget's `conversation:earlier`: earlier than `conversationId` (the chat it shows), or
 * every ended conversation of the visitor when it shows none.
 */
export const EarlierInput = z.object({
  conversationId: Id.optional(),
  before: Id.optional(),
  limit,
});
export type EarlierInput = z.input<typeof EarlierInput>;

/** One earlier conversation with its messages, in order. */
export interface EarlierConversation {
  id: string;
  createdAt: string;
  closedAt: string | null;
  /** Who answered it (the visitor sees the name an agent shows them). */
  agent: { id: string; name: string } | null;
  /** Agents: private notes too, each marked `visibility: 'private'`, if they may read them. */
  messages: Message[];
  /** More than MAX_EARLIER_MESSAGES: the first ones are here, the rest in the transcript. */
  truncated: boolean;
}

export interface EarlierResponse {
  /** Every earlier conversation there is, whatever the page. */
  total: number;
  /** Oldest first, the newest last (just above the current conversation). */
  conversations: EarlierConversation[];
  /** Pass as `before` for the page of older ones; null when there are none. */
  nextCursor: string | null;
}
