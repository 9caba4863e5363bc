import type { Millis } from './millis.js';

/** A customer record of one site; its visitors point at it through `visitors.contact_id`. */
export interface ContactsTable {
  id: string;
  site_id: string;
  name: string;
  company: string | null;
  notes: string;
  /** JSON object of string values: the agent's own fields (plan, customer number, ...). */
  custom_fields: string;
  created_by: string | null;
  created_at: Millis;
  updated_at: Millis;
}

/** A contact's email addresses, lowercased, in the order the agent listed them. */
export interface ContactEmailsTable {
  contact_id: string;
  email: string;
  position: number;
}

export interface ContactPhonesTable {
  contact_id: string;
  phone: string;
  position: number;
}
