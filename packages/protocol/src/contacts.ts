import { z } from 'zod';
import { contactLimits } from './contract.js';
import { Id } from './ids.js';
import type { ConversationStatus } from './models.js';
import type { TicketStatus } from './tickets.js';
import { withoutBidiControls } from './text.js';
import { Email } from './visitors.js';

const Text = (max: number) =>
  z
    .string()
    .transform(withoutBidiControls)
    .pipe(z.string().trim().max(max, `must be at most ${max} characters`));

const ContactName = z
  .string()
  .transform(withoutBidiControls)
  .pipe(
    z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(contactLimits.name, `must be at most ${contactLimits.name} characters`),
  );

/** Digits with the usual separators and an optional leading +. */
export const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ().-]{1,38}[0-9]$/, 'must be a phone number (digits, spaces, + ( ) - .)');

const unique = <T extends z.ZodType<string>>(item: T, max: number, what: string) =>
  z
    .array(item)
    .max(max, `at most ${max} ${what}`)
    .transform((list) => [...new Set(list)]);

const CustomFields = z
  .record(
    z
      .string()
      .trim()
      .min(1, 'a field needs a name')
      .max(
        contactLimits.customFieldKey,
        `field names are at most ${contactLimits.customFieldKey} characters`,
      ),
    Text(contactLimits.customFieldValue),
  )
  .refine((fields) => Object.keys(fields).length <= contactLimits.customFields, {
    message: `at most ${contactLimits.customFields} custom fields`,
  });

const ContactFields = {
  name: ContactName,
  emails: unique(Email, contactLimits.emails, 'email addresses'),
  phones: unique(Phone, contactLimits.phones, 'phone numbers'),
  company: Text(contactLimits.company).nullable(),
  notes: Text(contactLimits.notes),
  customFields: CustomFields,
};

/**
 * A new contact: of the visitor's site and linked to them ("Create contact" in a chat), or of
 * `siteId` with no visitor yet.
 */
export const ContactCreateInput = z
  .object({
    visitorId: Id.optional(),
    siteId: Id.optional(),
    name: ContactFields.name,
    emails: ContactFields.emails.default([]),
    phones: ContactFields.phones.default([]),
    company: ContactFields.company.default(null),
    notes: ContactFields.notes.default(''),
    customFields: ContactFields.customFields.default({}),
  })
  .refine((c) => c.visitorId !== undefined || c.siteId !== undefined, {
    message: 'give the visitor the contact is for, or its site',
    path: ['visitorId'],
  });
export type ContactCreateInput = z.input<typeof ContactCreateInput>;

/** Only the fields sent change; lists replace the stored ones. */
export const ContactUpdateInput = z.object({
  name: ContactFields.name.optional(),
  emails: ContactFields.emails.optional(),
  phones: ContactFields.phones.optional(),
  company: ContactFields.company.optional(),
  notes: ContactFields.notes.optional(),
  customFields: ContactFields.customFields.optional(),
});
export type ContactUpdateInput = z.input<typeof ContactUpdateInput>;

export const ContactLinkInput = z.object({ visitorId: Id });
export type ContactLinkInput = z.input<typeof ContactLinkInput>;

/** Keeps the contact of the URL; `otherId`'s visitors, emails and phones move to it. */
export const ContactMergeInput = z.object({ otherId: Id });
export type ContactMergeInput = z.input<typeof ContactMergeInput>;

export const ContactListQuery = z.object({
  /** Matches the start of a word of the name or company, or the start of an email or phone. */
  q: z.string().trim().max(200).optional(),
  siteId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type ContactListQuery = z.input<typeof ContactListQuery>;

export const Contact = z.object({
  id: z.string(),
  siteId: z.string(),
  name: z.string(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  company: z.string().nullable(),
  notes: z.string(),
  customFields: z.record(z.string(), z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Contact = z.infer<typeof Contact>;

export interface ContactResponse {
  contact: Contact;
}
export interface ContactListResponse {
  contacts: Contact[];
}
export interface VisitorContactResponse {
  contact: Contact | null;
}

/** What the contact page lists, newest first; only what the reader may open. */
export interface ContactPageResponse {
  contact: Contact;
  visitors: Array<{
    id: string;
    code: string;
    name: string | null;
    email: string | null;
    lastSeenAt: string;
  }>;
  conversations: Array<{
    id: string;
    visitorId: string;
    status: ConversationStatus;
    title: string | null;
    assigneeName: string | null;
    /** The visitor's first message. */
    firstMessage: string | null;
    lastMessage: string | null;
    createdAt: string;
    closedAt: string | null;
  }>;
  tickets: Array<{
    id: string;
    subject: string | null;
    message: string;
    status: TicketStatus;
    createdAt: string;
  }>;
  /** Files of those chats (`conversationId`) and tickets (`ticketId`). */
  files: Array<{
    id: string;
    name: string;
    contentType: string;
    size: number;
    conversationId: string | null;
    ticketId: string | null;
    createdAt: string;
  }>;
}
