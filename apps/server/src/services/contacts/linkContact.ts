import { isEmail, verifiedKeys } from '../../domain/identity.js';
import { AppError, notFound } from '../../errors.js';
import {
  contactById,
  contactIdsByEmail,
  linkUnlinkedVisitor,
  setVisitorContactId,
  visitorIdentity,
  type ContactRecord,
} from '../../storage/contacts.js';
import type { Deps } from '../deps.js';
import { contactForAgent, visitorForAgent, type ContactReader } from './contactAccess.js';

/** "Link to contact": an agent links a visitor of the contact's site to it (moving any link). */
export async function linkVisitor(
  deps: Deps,
  agent: ContactReader,
  contactId: string,
  visitorId: string,
): Promise<ContactRecord> {
  const contact = await contactForAgent(deps, agent, contactId);
  const visitor = await visitorForAgent(deps, agent, visitorId);
  if (visitor.site_id !== contact.site_id)
    throw new AppError('VALIDATION_FAILED', 'The visitor is of another site than the contact.', {
      visitorId: 'of another site',
    });
  await setVisitorContactId(deps.store, visitorId, contactId);
  return contact;
}

/** Undoes a link: the visitor keeps their chats, the contact no longer lists them. */
export async function unlinkVisitor(
  deps: Deps,
  agent: ContactReader,
  contactId: string,
  visitorId: string,
): Promise<void> {
  await contactForAgent(deps, agent, contactId);
  const visitor = await visitorForAgent(deps, agent, visitorId);
  if (visitor.contact_id !== contactId)
    throw notFound('This visitor is not linked to this contact.');
  await setVisitorContactId(deps.store, visitorId, null);
}

/**
 * After identify(): a visitor whose email a signed identity vouches for (its `email` claim,
 * still their current email) is linked to the contact of their site that lists that address,
 * the oldest if several do. Only a signature names a contact: a typed email, or a signed one
 * the visitor has since changed, never does, and a link already made (by an agent or an
 * earlier identity) stays. Returns the contact linked now, if any.
 */
export async function linkVerifiedContact(
  deps: Pick<Deps, 'store'>,
  visitorId: string,
): Promise<ContactRecord | null> {
  const visitor = await visitorIdentity(deps.store, visitorId);
  if (!visitor || visitor.contact_id !== null || !visitor.email || !isEmail(visitor.email))
    return null;
  if (!verifiedKeys(visitor, visitor.verified).includes('email')) return null;
  const [contactId] = await contactIdsByEmail(deps.store, visitor.site_id, visitor.email);
  if (!contactId || !(await linkUnlinkedVisitor(deps.store, visitor.id, contactId))) return null;
  return (await contactById(deps.store, contactId)) ?? null;
}
