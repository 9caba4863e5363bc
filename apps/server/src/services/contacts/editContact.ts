import type { ContactUpdateInput } from '@parley/protocol';
import type { z } from 'zod';
import { notFound } from '../../errors.js';
import { lockContacts, updateContact, type ContactRecord } from '../../storage/contacts.js';
import { inTransaction } from '../../storage/store.js';
import type { Deps } from '../deps.js';
import { contactForAgent, type ContactReader } from './contactAccess.js';
import { toContactFields } from './contactFields.js';

/** Changes the fields sent; any agent of the contact's site may. */
export async function editContact(
  deps: Deps,
  agent: ContactReader,
  contactId: string,
  input: z.output<typeof ContactUpdateInput>,
): Promise<ContactRecord> {
  await contactForAgent(deps, agent, contactId);
  const now = deps.clock.now();
  await inTransaction(deps.store, async (tx) => {
    if ((await lockContacts(tx, [contactId], now)) === 0) throw notFound('No such contact.');
    await updateContact(tx, contactId, toContactFields(input), now);
  });
  return contactForAgent(deps, agent, contactId);
}
