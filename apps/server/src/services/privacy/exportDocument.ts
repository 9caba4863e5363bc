import type { ContactRecord } from '../../storage/contacts.js';
import type { ExportFile, VisitorExportRows } from '../../storage/privacy.js';

/**
 * data.json of an export: the subject's personal data and their conversations and tickets as
 * they saw them (public messages, no internal notes). Times are ISO 8601, JSON columns parsed.
 */
export interface ExportInput {
  subject: { type: 'visitor' | 'contact'; id: string };
  exportedAt: number;
  rows: VisitorExportRows | null;
  contact: ContactRecord | null;
  /** Archive paths of files whose bytes could not be read. */
  missing: string[];
  pathOf: (file: Pick<ExportFile, 'id' | 'name'>) => string;
}

const iso = (t: number | null): string | null =>
  t === null ? null : new Date(Number(t)).toISOString();
const json = (text: string | null): unknown => (text ? (JSON.parse(text) as unknown) : null);

export function presentExport(input: ExportInput) {
  const { rows, contact } = input;
  return {
    format: 'parley-export/1',
    subject: input.subject,
    exportedAt: iso(input.exportedAt),
    excluded:
      "Agents' private notes, internal ticket notes and contact notes, which are about the person, not from them.",
    contact: contact && presentContact(contact),
    visitors: (rows?.visitors ?? []).map((v) => ({
      ...v,
      created_at: iso(v.created_at),
      last_seen_at: iso(v.last_seen_at),
      visit_started_at: iso(v.visit_started_at),
      attributes: json(v.attributes),
      verified: json(v.verified),
    })),
    pageViews: (rows?.pageViews ?? []).map((p) => ({ ...p, at: iso(p.at) })),
    proactiveInvitations: (rows?.invitations ?? []).map((i) => ({
      ...i,
      created_at: iso(i.created_at),
      answered_at: iso(i.answered_at),
    })),
    conversations: rows ? presentChats(rows) : [],
    tickets: rows ? presentTickets(rows) : [],
    files: [...(rows?.chatFiles ?? []), ...(rows?.ticketFiles ?? [])].map((f) => ({
      id: f.id,
      name: f.name,
      contentType: f.content_type,
      size: f.size,
      createdAt: iso(f.created_at),
      path: input.pathOf(f),
      missing: input.missing.includes(input.pathOf(f)),
    })),
  };
}

function presentContact(c: ContactRecord) {
  return {
    id: c.id,
    name: c.name,
    company: c.company,
    emails: c.emails,
    phones: c.phones,
    customFields: json(c.custom_fields),
    createdAt: iso(c.created_at),
    updatedAt: iso(c.updated_at),
  };
}

function presentChats(rows: VisitorExportRows) {
  return rows.conversations.map((c) => ({
    ...c,
    created_at: iso(c.created_at),
    closed_at: iso(c.closed_at),
    rated_at: iso(c.rated_at),
    prechat: json(c.prechat),
    messages: rows.messages
      .filter((m) => m.conversation_id === c.id)
      .map(({ conversation_id: _c, payload, ...m }) => ({
        ...m,
        payload: json(payload),
        created_at: iso(m.created_at),
      })),
  }));
}

function presentTickets(rows: VisitorExportRows) {
  return rows.tickets.map((t) => ({
    ...t,
    created_at: iso(t.created_at),
    updated_at: iso(t.updated_at),
    messages: rows.ticketMessages
      .filter((m) => m.ticket_id === t.id)
      .map(({ ticket_id: _t, ...m }) => ({ ...m, created_at: iso(m.created_at) })),
  }));
}
