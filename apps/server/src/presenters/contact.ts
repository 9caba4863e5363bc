import type { Contact, ContactPageResponse } from '@parley/protocol';
import { parseStringMap } from '../domain/identity.js';
import type {
  ContactConversation,
  ContactFile,
  ContactTicket,
  ContactVisitor,
} from '../storage/contactPage.js';
import type { ContactRecord } from '../storage/contacts.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** A contact for agents; visitors never receive one. */
export function presentContact(c: ContactRecord): Contact {
  return {
    id: c.id,
    siteId: c.site_id,
    name: c.name,
    emails: c.emails,
    phones: c.phones,
    company: c.company,
    notes: c.notes,
    customFields: parseStringMap(c.custom_fields),
    createdAt: iso(c.created_at),
    updatedAt: iso(Math.max(c.updated_at, c.created_at)),
  };
}

export interface ContactPageData {
  contact: ContactRecord;
  visitors: ContactVisitor[];
  conversations: ContactConversation[];
  tickets: ContactTicket[];
  files: ContactFile[];
}

export function presentContactPage(p: ContactPageData): ContactPageResponse {
  return {
    contact: presentContact(p.contact),
    visitors: p.visitors.map((v) => ({
      id: v.id,
      code: v.code,
      name: v.name,
      email: v.email,
      lastSeenAt: iso(v.last_seen_at),
    })),
    conversations: p.conversations.map((c) => ({
      id: c.id,
      visitorId: c.visitor_id,
      status: c.status,
      title: c.title,
      assigneeName: c.assignee_name,
      firstMessage: c.first_message,
      lastMessage: c.last_message_body,
      createdAt: iso(c.created_at),
      closedAt: c.closed_at === null ? null : iso(c.closed_at),
    })),
    tickets: p.tickets.map((t) => ({
      id: t.id,
      subject: t.subject,
      message: t.message,
      status: t.status,
      createdAt: iso(t.created_at),
    })),
    files: p.files.map((f) => ({
      id: f.id,
      name: f.name,
      contentType: f.content_type,
      size: f.size,
      conversationId: f.conversation_id,
      ticketId: f.ticket_id,
      createdAt: iso(f.created_at),
    })),
  };
}
