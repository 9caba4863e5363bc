import type { EarlierConversation, EarlierResponse, Message } from '@parley/protocol';
import type { EarlierEntry, EarlierPage } from '../services/history/earlier.js';
import type { MessageRow } from '../storage/schema.js';
import { presentMessage, presentVisitorMessage } from './message.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function presentEntry(e: EarlierEntry, message: (row: MessageRow) => Message): EarlierConversation {
  const c = e.conversation;
  return {
    id: c.id,
    createdAt: iso(c.created_at)!,
    closedAt: iso(c.closed_at),
    agent: c.assignee_id && c.assignee_name ? { id: c.assignee_id, name: c.assignee_name } : null,
    messages: e.messages.map(message),
    truncated: e.truncated,
  };
}

function present(p: EarlierPage, message: (row: MessageRow) => Message): EarlierResponse {
  return {
    total: p.total,
    conversations: p.entries.map((e) => presentEntry(e, message)),
    nextCursor: p.nextCursor,
  };
}

/** For agents: every message numbered by seq, private notes marked as such. */
export const presentEarlier = (p: EarlierPage) => present(p, presentMessage);

/** For the visitor: numbered as the visitor counts (public_seq); a note here would throw. */
export const presentVisitorEarlier = (p: EarlierPage) => present(p, presentVisitorMessage);
