import type { Ticket, TicketMessage } from '@parley/protocol';
import type { TicketAttachmentRow } from '../storage/schema.js';
import type { TicketMessageListed, TicketView } from '../storage/tickets.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A ticket for agents; the reply token never leaves the server. */
export function presentTicket(t: TicketView): Ticket {
  return {
    id: t.id,
    siteId: t.site_id,
    siteName: t.site_name,
    name: t.name,
    email: t.email,
    subject: t.subject,
    message: t.message,
    status: t.status,
    priority: t.priority,
    channel: t.channel,
    assignee: t.assignee_id ? { id: t.assignee_id, name: t.assignee_name ?? '' } : null,
    department: t.department_id ? { id: t.department_id, name: t.department_name ?? '' } : null,
    conversationId: t.conversation_id,
    createdAt: iso(t.created_at),
    updatedAt: iso(Math.max(t.updated_at, t.created_at)),
  };
}

/** One message of the thread, for agents only (internal notes included). */
export function presentTicketMessage(
  m: TicketMessageListed,
  files: readonly TicketAttachmentRow[] = [],
): TicketMessage {
  return {
    id: m.id,
    direction: m.direction,
    internal: m.internal === 1,
    author: {
      type: m.author_type,
      id: m.author_id,
      name: m.author_name,
      email: m.author_email,
    },
    body: m.body,
    auto: m.auto === 1,
    delivery: m.delivery,
    hasOriginal: m.has_raw === 1,
    files: files
      .filter((f) => f.message_id === m.id)
      .map((f) => ({ id: f.id, name: f.name, size: f.size, contentType: f.content_type })),
    createdAt: iso(m.created_at),
  };
}
