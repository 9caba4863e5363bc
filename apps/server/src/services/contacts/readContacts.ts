import type { ContactListQuery } from '@parley/protocol';
import type { z } from 'zod';
import type { ContactPageData } from '../../presenters/contact.js';
import {
  conversationsOfContact,
  filesOfContact,
  ticketsOfContact,
  visitorsOfContact,
} from '../../storage/contactPage.js';
import { contactOfVisitor, listContacts, type ContactRecord } from '../../storage/contacts.js';
import type { AgentRow } from '../../storage/schema.js';
import { scopeOf } from '../access.js';
import type { Deps } from '../deps.js';
import { readerAccess } from '../history/search.js';
import { contactForAgent, visitorForAgent, type ContactReader } from './contactAccess.js';

/** The contacts of the reader's sites, by name, narrowed by a search text and a site. */
export async function findContacts(
  deps: Deps,
  agent: ContactReader,
  q: z.output<typeof ContactListQuery>,
): Promise<ContactRecord[]> {
  const scope = await scopeOf(deps, agent);
  return listContacts(deps.store, {
    siteIds: scope.kind === 'all' ? null : scope.siteIds,
    siteId: q.siteId,
    q: q.q,
    limit: q.limit,
  });
}

/** The contact of a visitor the agent may see (null: none yet). */
export async function contactOfVisitorFor(
  deps: Deps,
  agent: ContactReader,
  visitorId: string,
): Promise<ContactRecord | null> {
  await visitorForAgent(deps, agent, visitorId);
  return (await contactOfVisitor(deps.store, visitorId)) ?? null;
}

/**
 * The contact page: its visitors, and of their chats, tickets and files only those the reader
 * may open (the Archive's rule for chats, the inbox's for tickets).
 */
export async function readContactPage(
  deps: Deps,
  agent: AgentRow,
  contactId: string,
): Promise<ContactPageData> {
  const contact = await contactForAgent(deps, agent, contactId);
  const [{ chats }, scope] = await Promise.all([readerAccess(deps, agent), scopeOf(deps, agent)]);
  const [visitors, conversations, tickets, files] = await Promise.all([
    visitorsOfContact(deps.store, contactId),
    conversationsOfContact(deps.store, contactId, chats),
    ticketsOfContact(deps.store, contactId, scope),
    filesOfContact(deps.store, contactId, chats, scope),
  ]);
  return { contact, visitors, conversations, tickets, files };
}
