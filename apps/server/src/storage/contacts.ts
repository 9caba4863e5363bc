import { sql } from 'kysely';
import type { ContactsTable } from './tables/contacts.js';
import type { Selectable } from 'kysely';
import type { VisitorRow } from './schema.js';
import type { Store } from './store.js';

export type ContactRow = Selectable<ContactsTable>;

/** A contact with its addresses and numbers, in the order the agent listed them. */
export interface ContactRecord extends ContactRow {
  emails: string[];
  phones: string[];
}

/** The fields an agent edits; lists replace the stored ones. */
export interface ContactFields {
  name: string;
  company: string | null;
  notes: string;
  /** JSON object of strings. */
  custom_fields: string;
  emails: readonly string[];
  phones: readonly string[];
}

/** What deciding on a visitor's contact needs: their site and current link. */
export interface VisitorLink {
  id: string;
  site_id: string;
  contact_id: string | null;
}

async function withLists(db: Store, rows: ContactRow[]): Promise<ContactRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [emails, phones] = await Promise.all([
    db
      .selectFrom('contact_emails')
      .select(['contact_id', 'email as value'])
      .where('contact_id', 'in', ids)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('contact_phones')
      .select(['contact_id', 'phone as value'])
      .where('contact_id', 'in', ids)
      .orderBy('position')
      .execute(),
  ]);
  const of = (list: Array<{ contact_id: string; value: string }>, id: string) =>
    list.filter((e) => e.contact_id === id).map((e) => e.value);
  return rows.map((r) => ({ ...r, emails: of(emails, r.id), phones: of(phones, r.id) }));
}

export async function contactById(db: Store, id: string): Promise<ContactRecord | undefined> {
  const row = await db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await withLists(db, [row]))[0] : undefined;
}

/** The contact a visitor is linked to, if any (for the visitor panel, exports and erasure). */
export async function contactOfVisitor(
  db: Store,
  visitorId: string,
): Promise<ContactRecord | undefined> {
  const row = await db
    .selectFrom('visitors as v')
    .innerJoin('contacts as c', 'c.id', 'v.contact_id')
    .selectAll('c')
    .where('v.id', '=', visitorId)
    .executeTakeFirst();
  return row ? (await withLists(db, [row]))[0] : undefined;
}

export function visitorLink(db: Store, visitorId: string): Promise<VisitorLink | undefined> {
  return db
    .selectFrom('visitors')
    .select(['id', 'site_id', 'contact_id'])
    .where('id', '=', visitorId)
    .executeTakeFirst();
}

/** A visitor's details as identify() left them, for deciding on an automatic link. */
export function visitorIdentity(
  db: Store,
  visitorId: string,
): Promise<
  (VisitorLink & Pick<VisitorRow, 'name' | 'email' | 'attributes' | 'verified'>) | undefined
> {
  return db
    .selectFrom('visitors')
    .select(['id', 'site_id', 'contact_id', 'name', 'email', 'attributes', 'verified'])
    .where('id', '=', visitorId)
    .executeTakeFirst();
}

/** `%`, `_` and the escape itself taken literally in a LIKE pattern. */
function likeContaining(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface ContactListFilter {
  /** null: every site (admins). */
  siteIds: readonly string[] | null;
  siteId?: string | undefined;
  /** Part of the name, company, an email or a phone number, any case. */
  q?: string | undefined;
  limit: number;
}

/** Contacts of the given sites, by name. */
export async function listContacts(db: Store, f: ContactListFilter): Promise<ContactRecord[]> {
  if (f.siteIds !== null && f.siteIds.length === 0) return [];
  let q = db.selectFrom('contacts as c').selectAll('c');
  if (f.siteIds !== null) q = q.where('c.site_id', 'in', [...f.siteIds]);
  if (f.siteId) q = q.where('c.site_id', '=', f.siteId);
  if (f.q) {
    const pattern = likeContaining(f.q);
    const like = (column: string) =>
      sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`;
    q = q.where((eb) =>
      eb.or([
        like('c.name'),
        like('c.company'),
        eb.exists(
          eb
            .selectFrom('contact_emails as e')
            .select('e.contact_id')
            .whereRef('e.contact_id', '=', 'c.id')
            .where(like('e.email')),
        ),
        eb.exists(
          eb
            .selectFrom('contact_phones as p')
            .select('p.contact_id')
            .whereRef('p.contact_id', '=', 'c.id')
            .where(like('p.phone')),
        ),
      ]),
    );
  }
  const rows = await q.orderBy('c.name').orderBy('c.id').limit(f.limit).execute();
  return withLists(db, rows);
}

/** The contacts of a site that list this address, oldest first. */
export async function contactIdsByEmail(
  db: Store,
  siteId: string,
  email: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('contact_emails as e')
    .innerJoin('contacts as c', 'c.id', 'e.contact_id')
    .select('c.id')
    .where('c.site_id', '=', siteId)
    .where('e.email', '=', email)
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => r.id);
}

async function replaceList(
  db: Store,
  table: 'contact_emails' | 'contact_phones',
  contactId: string,
  values: readonly string[],
): Promise<void> {
  await db.deleteFrom(table).where('contact_id', '=', contactId).execute();
  if (values.length === 0) return;
  const column = table === 'contact_emails' ? 'email' : 'phone';
  await db
    .insertInto(table)
    .values(values.map((value, position) => ({ contact_id: contactId, [column]: value, position })))
    .execute();
}

/** A new contact with its lists (inside a transaction). */
export async function insertContact(
  db: Store,
  row: Omit<ContactRow, keyof ContactFields> & ContactFields,
): Promise<void> {
  const { emails, phones, ...columns } = row;
  await db.insertInto('contacts').values(columns).execute();
  await replaceList(db, 'contact_emails', row.id, emails);
  await replaceList(db, 'contact_phones', row.id, phones);
}

/** Changes the fields given (inside a transaction); lists replace the stored ones. */
export async function updateContact(
  db: Store,
  id: string,
  patch: Partial<ContactFields>,
  now: number,
): Promise<void> {
  const { emails, phones, ...columns } = patch;
  await db
    .updateTable('contacts')
    .set({ ...columns, updated_at: now })
    .where('id', '=', id)
    .execute();
  if (emails) await replaceList(db, 'contact_emails', id, emails);
  if (phones) await replaceList(db, 'contact_phones', id, phones);
}

/**
 * Marks these contacts changed and so takes their write locks (a row lock on PostgreSQL, the
 * write lock on SQLite) before the transaction reads them; returns how many exist.
 */
export async function lockContacts(db: Store, ids: readonly string[], now: number) {
  const result = await db
    .updateTable('contacts')
    .set({ updated_at: now })
    .where('id', 'in', [...ids])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Links a visitor to a contact (null: unlinks). */
export async function setVisitorContactId(
  db: Store,
  visitorId: string,
  contactId: string | null,
): Promise<void> {
  await db
    .updateTable('visitors')
    .set({ contact_id: contactId })
    .where('id', '=', visitorId)
    .execute();
}

/** Links a visitor who has no contact yet; false when they already had one. */
export async function linkUnlinkedVisitor(
  db: Store,
  visitorId: string,
  contactId: string,
): Promise<boolean> {
  const result = await db
    .updateTable('visitors')
    .set({ contact_id: contactId })
    .where('id', '=', visitorId)
    .where('contact_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * The second half of a merge (inside its transaction, after the kept contact got the merged
 * fields and lists): the other contact's visitors move to the kept one, and it is deleted.
 */
export async function absorbContact(db: Store, keepId: string, otherId: string): Promise<void> {
  await db
    .updateTable('visitors')
    .set({ contact_id: keepId })
    .where('contact_id', '=', otherId)
    .execute();
  await deleteContact(db, otherId);
}

/** Deletes a contact and its lists; its visitors are unlinked, not deleted. */
export async function deleteContact(db: Store, id: string): Promise<void> {
  await db.updateTable('visitors').set({ contact_id: null }).where('contact_id', '=', id).execute();
  await db.deleteFrom('contact_emails').where('contact_id', '=', id).execute();
  await db.deleteFrom('contact_phones').where('contact_id', '=', id).execute();
  await db.deleteFrom('contacts').where('id', '=', id).execute();
}
