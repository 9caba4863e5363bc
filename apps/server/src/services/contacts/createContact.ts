import type { ContactCreateInput } from '@parley/protocol';
import type { z } from 'zod';
import { canSeeSite } from '../../domain/access.js';
import { AppError } from '../../errors.js';
import { newId } from '../../ids.js';
import {
  contactById,
  insertContact,
  setVisitorContactId,
  type ContactRecord,
} from '../../storage/contacts.js';
import { inTransaction } from '../../storage/store.js';
import { resolveSiteIds, scopeOf } from '../access.js';
import type { Deps } from '../deps.js';
import { visitorForAgent, type ContactReader } from './contactAccess.js';
import { toContactFields } from './contactFields.js';

type Input = z.output<typeof ContactCreateInput>;

/** The site a new contact belongs to: its visitor's, else the one named (which must be theirs). */
async function siteOfNewContact(deps: Deps, agent: ContactReader, input: Input): Promise<string> {
  if (input.visitorId) {
    const visitor = await visitorForAgent(deps, agent, input.visitorId);
    if (input.siteId && input.siteId !== visitor.site_id)
      throw new AppError('VALIDATION_FAILED', 'The visitor is of another site.', {
        siteId: 'not the visitor’s site',
      });
    return visitor.site_id;
  }
  const [siteId] = await resolveSiteIds(deps, [input.siteId!]);
  if (!canSeeSite(await scopeOf(deps, agent), siteId!))
    throw new AppError('FORBIDDEN', 'You do not work on this site.');
  return siteId!;
}

/**
 * "Create contact": a new customer record, linked to the visitor it was made for. The agent
 * chose what to save (the form is prefilled with what the visitor gave), so this link is theirs
 * to make; a typed email never makes one by itself.
 */
export async function createContact(
  deps: Deps,
  agent: ContactReader,
  input: Input,
): Promise<ContactRecord> {
  const siteId = await siteOfNewContact(deps, agent, input);
  const now = deps.clock.now();
  const id = newId(now);
  const fields = toContactFields(input);
  await inTransaction(deps.store, async (tx) => {
    await insertContact(tx, {
      id,
      site_id: siteId,
      name: input.name,
      company: fields.company ?? null,
      notes: fields.notes ?? '',
      custom_fields: fields.custom_fields ?? '{}',
      emails: fields.emails ?? [],
      phones: fields.phones ?? [],
      created_by: agent.id,
      created_at: now,
      updated_at: now,
    });
    if (input.visitorId) await setVisitorContactId(tx, input.visitorId, id);
  });
  return (await contactById(deps.store, id))!;
}
