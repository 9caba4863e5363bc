import type { ErasedCounts } from '@parley/protocol';
import { AppError } from '../../errors.js';
import { recordAudit } from '../../storage/audit.js';
import { contactById, deleteContact } from '../../storage/contacts.js';
import { visitorsOfContact } from '../../storage/contactPage.js';
import { privacyVisitor } from '../../storage/privacy.js';
import { eraseVisitorRows } from '../../storage/privacyErase.js';
import type { AgentRow } from '../../storage/schema.js';
import { inTransaction } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { removeQueuedFiles } from './fileRemovals.js';
import { assertPrivacyAdmin, auditActor } from './rights.js';

export interface ErasureResult {
  erased: ErasedCounts;
  auditId: string;
}

/** Typed confirmations compare without case or surrounding spaces; a code's "#" is optional. */
function confirms(typed: string, expected: string): boolean {
  const norm = (s: string) => s.trim().replace(/^#/, '').toLowerCase();
  return norm(typed) === norm(expected);
}

/**
 * Erases one visitor: every row Parley holds about them, their chats whole. The rows and the
 * audit entry commit together; the visitor's open tabs are cut off and the old cookie finds
 * nobody (the widget starts a new, unknown visitor); the files' bytes go after the commit.
 */
export async function eraseVisitorData(
  deps: Deps,
  agent: AgentRow,
  visitorId: string,
  confirm: string,
): Promise<ErasureResult> {
  assertPrivacyAdmin(agent);
  const visitor = await privacyVisitor(deps.store, visitorId);
  if (!visitor) throw new AppError('NOT_FOUND', 'No visitor has this id.');
  if (!confirms(confirm, visitor.code))
    throw new AppError(
      'CONFIRMATION_MISMATCH',
      `Type the visitor's code ${visitor.code} to erase.`,
    );
  return erase(deps, agent, { type: 'visitor', id: visitor.id }, [visitor], null);
}

/** Erases a contact, its lists and every visitor linked to it, as eraseVisitorData does. */
export async function eraseContactData(
  deps: Deps,
  agent: AgentRow,
  contactId: string,
  confirm: string,
): Promise<ErasureResult> {
  assertPrivacyAdmin(agent);
  const contact = await contactById(deps.store, contactId);
  if (!contact) throw new AppError('NOT_FOUND', 'No contact has this id.');
  if (!confirms(confirm, contact.name))
    throw new AppError(
      'CONFIRMATION_MISMATCH',
      `Type the contact's name ${contact.name} to erase.`,
    );
  const visitors = await visitorsOfContact(deps.store, contact.id);
  const withSite = visitors.map((v) => ({ id: v.id, site_id: contact.site_id }));
  return erase(deps, agent, { type: 'contact', id: contact.id }, withSite, contact.id);
}

async function erase(
  deps: Deps,
  agent: AgentRow,
  target: { type: 'visitor' | 'contact'; id: string },
  visitors: ReadonlyArray<{ id: string; site_id: string }>,
  contactId: string | null,
): Promise<ErasureResult> {
  const now = deps.clock.now();
  const result = await inTransaction(deps.store, async (tx) => {
    const counts = visitors.length
      ? await eraseVisitorRows(
          tx,
          deps.dialect,
          visitors.map((v) => v.id),
          now,
        )
      : { visitors: 0, conversations: 0, messages: 0, files: 0, pageViews: 0, tickets: 0 };
    if (contactId) await deleteContact(tx, contactId);
    const erased = { ...counts, contacts: contactId ? 1 : 0 };
    const auditId = await recordAudit(tx, {
      ...auditActor(agent),
      at: now,
      action: `${target.type}.erased`,
      targetType: target.type,
      targetId: target.id,
      details: { ...erased, visitorIds: visitors.map((v) => v.id) },
    });
    return { erased, auditId };
  });
  for (const v of visitors)
    deps.bus.publish({ type: 'visitor.erased', visitorId: v.id, siteId: v.site_id });
  await removeQueuedFiles(deps);
  return result;
}
