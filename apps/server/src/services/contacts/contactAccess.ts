import { canSeeSite, type AccessScope } from '../../domain/access.js';
import type { AgentLike } from '../../domain/actors.js';
import { notFound } from '../../errors.js';
import {
  contactById,
  visitorLink,
  type ContactRecord,
  type VisitorLink,
} from '../../storage/contacts.js';
import { scopeOf } from '../access.js';
import type { Deps } from '../deps.js';

/**
 * Contacts belong to a site: an agent may read, create, edit and link the contacts of the
 * sites they may open (domain/access.ts, the rule of visitors and tickets). Anything else reads
 * as not found, so ids of other sites' contacts are not confirmed.
 */
export type ContactReader = AgentLike & { access?: AccessScope };

const noContact = () => notFound('No such contact.');
const noVisitor = () => notFound('No such visitor.');

export async function contactForAgent(
  deps: Pick<Deps, 'store'>,
  agent: ContactReader,
  contactId: string,
): Promise<ContactRecord> {
  const contact = await contactById(deps.store, contactId);
  if (!contact || !canSeeSite(await scopeOf(deps, agent), contact.site_id)) throw noContact();
  return contact;
}

export async function visitorForAgent(
  deps: Pick<Deps, 'store'>,
  agent: ContactReader,
  visitorId: string,
): Promise<VisitorLink> {
  const visitor = await visitorLink(deps.store, visitorId);
  if (!visitor || !canSeeSite(await scopeOf(deps, agent), visitor.site_id)) throw noVisitor();
  return visitor;
}
