import type { ContactUpdateInput } from '@parley/protocol';
import type { z } from 'zod';
import type { ContactFields } from '../../storage/contacts.js';

type Edit = z.output<typeof ContactUpdateInput>;

/** The storage form of what an agent entered: custom fields as one JSON column. */
export function toContactFields(input: Edit): Partial<ContactFields> {
  const out: Partial<ContactFields> = {};
  if (input.name !== undefined) out.name = input.name;
  if (input.company !== undefined) out.company = input.company || null;
  if (input.notes !== undefined) out.notes = input.notes;
  if (input.customFields !== undefined) out.custom_fields = JSON.stringify(input.customFields);
  if (input.emails !== undefined) out.emails = input.emails;
  if (input.phones !== undefined) out.phones = input.phones;
  return out;
}
