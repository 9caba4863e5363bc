import type { Readable } from 'node:stream';
import { AppError } from '../../errors.js';
import { recordAudit } from '../../storage/audit.js';
import { contactById, type ContactRecord } from '../../storage/contacts.js';
import { visitorsOfContact } from '../../storage/contactPage.js';
import {
  exportVisitorRows,
  privacyVisitor,
  type VisitorExportRows,
} from '../../storage/privacy.js';
import type { AgentRow } from '../../storage/schema.js';
import type { Deps } from '../deps.js';
import { archivePath, streamArchive } from './archive.js';
import { presentExport } from './exportDocument.js';
import { assertPrivacyAdmin, auditActor } from './rights.js';

export interface DataExport {
  /** The archive's download name. */
  filename: string;
  archive: Readable;
}

/** Everything Parley holds about one visitor, as a zip of data.json and files/. */
export async function exportVisitorData(
  deps: Deps,
  agent: AgentRow,
  visitorId: string,
): Promise<DataExport> {
  assertPrivacyAdmin(agent);
  const visitor = await privacyVisitor(deps.store, visitorId);
  if (!visitor) throw new AppError('NOT_FOUND', 'No visitor has this id.');
  const rows = await exportVisitorRows(deps.store, [visitor.id]);
  return exportArchive(deps, agent, { type: 'visitor', id: visitor.id }, rows!, null);
}

/** Everything Parley holds about one contact and every visitor linked to it. */
export async function exportContactData(
  deps: Deps,
  agent: AgentRow,
  contactId: string,
): Promise<DataExport> {
  assertPrivacyAdmin(agent);
  const contact = await contactById(deps.store, contactId);
  if (!contact) throw new AppError('NOT_FOUND', 'No contact has this id.');
  const visitors = await visitorsOfContact(deps.store, contact.id);
  const rows = await exportVisitorRows(
    deps.store,
    visitors.map((v) => v.id),
  );
  return exportArchive(deps, agent, { type: 'contact', id: contact.id }, rows, contact);
}

async function exportArchive(
  deps: Deps,
  agent: AgentRow,
  subject: { type: 'visitor' | 'contact'; id: string },
  rows: VisitorExportRows | null,
  contact: ContactRecord | null,
): Promise<DataExport> {
  const now = deps.clock.now();
  const files = rows ? [...rows.chatFiles, ...rows.ticketFiles] : [];
  await recordAudit(deps.store, {
    ...auditActor(agent),
    at: now,
    action: `${subject.type}.exported`,
    targetType: subject.type,
    targetId: subject.id,
    details: {
      visitors: rows?.visitors.length ?? 0,
      conversations: rows?.conversations.length ?? 0,
      messages: rows?.messages.length ?? 0,
      tickets: rows?.tickets.length ?? 0,
      files: files.length,
    },
  });
  const archive = streamArchive(deps, files, (missing) =>
    presentExport({ subject, exportedAt: now, rows, contact, missing, pathOf: archivePath }),
  );
  const day = new Date(now).toISOString().slice(0, 10);
  return { filename: `parley-${subject.type}-${subject.id}-${day}.zip`, archive };
}
