import type {
  Conversation,
  PrechatAnswer,
  Rating,
  TagColor,
  VisitorConversation,
} from '@parley/protocol';
import { verifiedKeys } from '../domain/identity.js';
import type { ConversationSnapshot, ConversationView } from '../storage/conversations.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function assignee(v: ConversationView) {
  return v.assignee_id && v.assignee_name
    ? { id: v.assignee_id, name: v.assignee_name, avatarUrl: v.assignee_avatar_url }
    : null;
}

export function presentConversation(v: ConversationSnapshot): Conversation {
  return {
    id: v.id,
    siteId: v.site_id,
    siteName: v.site_name,
    channel: v.channel,
    status: v.status,
    visitor: {
      id: v.visitor_id,
      code: v.visitor_code,
      name: v.visitor_name,
      email: v.visitor_email,
      verified: verifiedKeys(
        { name: v.visitor_name, email: v.visitor_email, attributes: '{}' },
        v.visitor_verified,
      ),
    },
    assignee: assignee(v),
    department:
      v.department_id && v.department_name
        ? { id: v.department_id, name: v.department_name }
        : null,
    offeredTo: v.offered_to,
    participants: v.participants.map((p) => ({ id: p.id, name: p.name, avatarUrl: p.avatar_url })),
    visitorOnline: v.visitor_online,
    queuedAt: iso(v.queued_at)!,
    visitorSeenSeq: v.visitor_seen_seq,
    lastSeq: v.last_seq,
    lastMessage:
      v.last_message_at !== null && v.last_message_body !== null && v.last_message_author !== null
        ? {
            body: v.last_message_body,
            authorType: v.last_message_author,
            createdAt: iso(v.last_message_at)!,
          }
        : null,
    createdAt: iso(v.created_at)!,
    acceptedAt: iso(v.accepted_at),
    closedAt: iso(v.closed_at),
    closedBy: v.closed_by,
    prechat: parsePrechat(v.prechat),
    startPage:
      v.start_url !== null
        ? { url: v.start_url, title: v.start_title ?? '', at: iso(v.created_at)! }
        : null,
    invited: v.invited === 1,
    rating: rating(v),
    title: v.title,
    tags: v.tags.map((t) => ({ id: t.id, name: t.name, color: t.color as TagColor })),
  };
}

/** What the visitor sees of their conversation: no internal fields, no trace of private notes. */
export function presentVisitorConversation(v: ConversationSnapshot): VisitorConversation {
  return {
    id: v.id,
    status: v.status,
    agent: assignee(v),
    queue: v.queue,
    // The visitor's numbering (public_seq): no count or mark reveals a private note.
    agentSeenSeq: v.agent_seen_public_seq,
    lastSeq: v.last_public_seq,
    createdAt: iso(v.created_at)!,
    closedAt: iso(v.closed_at),
    closedBy: v.closed_by,
    department:
      v.department_id && v.department_name
        ? { id: v.department_id, name: v.department_name }
        : null,
    rating: rating(v),
  };
}

function rating(v: ConversationView): Rating | null {
  return v.rating && v.rated_at !== null
    ? { value: v.rating, comment: v.rating_comment, at: iso(v.rated_at)! }
    : null;
}

function parsePrechat(json: string): PrechatAnswer[] {
  try {
    const parsed = JSON.parse(json) as unknown;
    return Array.isArray(parsed) ? (parsed as PrechatAnswer[]) : [];
  } catch {
    return [];
  }
}
