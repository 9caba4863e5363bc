import { contactLimits } from '@parley/protocol';
import { isSupervisor } from '../../domain/actors.js';
import { parseStringMap } from '../../domain/identity.js';
import { AppError, notFound } from '../../errors.js';
import {
  absorbContact,
  contactById,
  lockContacts,
  updateContact,
  type ContactFields,
  type ContactRecord,
} from '../../storage/contacts.js';
import { inTransaction } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { contactForAgent, type ContactReader } from './contactAccess.js';

/**
 * What the kept contact holds after a merge: its own name and values first, the other's
 * emails, phones and custom fields added where it has none, notes of both. Refused when the
 * sum would break a contact's limits, so nothing is silently dropped.
 */
export function mergedFields(keep: ContactRecord, other: ContactRecord): ContactFields {
  const customFields = {
    ...parseStringMap(other.custom_fields),
    ...parseStringMap(keep.custom_fields),
  };
  const notes = [keep.notes, other.notes].filter((n) => n.trim() !== '').join('\n\n');
  const merged: ContactFields = {
    name: keep.name,
    company: keep.company ?? other.company,
    notes,
    custom_fields: JSON.stringify(customFields),
    emails: [...new Set([...keep.emails, ...other.emails])],
    phones: [...new Set([...keep.phones, ...other.phones])],
  };
  const over: Record<string, string> = {};
  if (merged.emails.length > contactLimits.emails)
    over.emails = `together more than ${contactLimits.emails} email addresses`;
  if (merged.phones.length > contactLimits.phones)
    over.phones = `together more than ${contactLimits.phones} phone numbers`;
  if (Object.keys(customFields).length > contactLimits.customFields)
    over.customFields = `together more than ${contactLimits.customFields} custom fields`;
  if (notes.length > contactLimits.notes)
    over.notes = `together longer than ${contactLimits.notes} characters`;
  if (Object.keys(over).length > 0)
    throw new AppError(
      'VALIDATION_FAILED',
      'These contacts cannot be merged as they are: remove some of their details first.',
      over,
    );
  return merged;
}

/**
 * Merges a duplicate into the kept contact, in one transaction: its visitors, emails, phones,
 * custom fields and notes move to the kept one, and it is deleted. Supervisors and admins only
 * (a merge cannot be undone), of contacts of one site they work on.
 */
export async function mergeContacts(
  deps: Deps,
  agent: ContactReader,
  keepId: string,
  otherId: string,
): Promise<ContactRecord> {
  if (!isSupervisor(agent))
    throw new AppError('FORBIDDEN', 'Only supervisors and admins may merge contacts.');
  if (keepId === otherId)
    throw new AppError('VALIDATION_FAILED', 'A contact cannot be merged with itself.', {
      otherId: 'the same contact',
    });
  const [keep, other] = await Promise.all([
    contactForAgent(deps, agent, keepId),
    contactForAgent(deps, agent, otherId),
  ]);
  if (keep.site_id !== other.site_id)
    throw new AppError('VALIDATION_FAILED', 'Only contacts of the same site can be merged.', {
      otherId: 'of another site',
    });
  const now = deps.clock.now();
  await inTransaction(deps.store, async (tx) => {
    if ((await lockContacts(tx, [keepId, otherId], now)) !== 2) throw notFound('No such contact.');
    // Read again under the lock: an edit may have come in since the check above.
    const [fresh, gone] = await Promise.all([contactById(tx, keepId), contactById(tx, otherId)]);
    await updateContact(tx, keepId, mergedFields(fresh!, gone!), now);
    await absorbContact(tx, keepId, otherId);
  });
  return contactForAgent(deps, agent, keepId);
}
