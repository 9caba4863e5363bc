import type { Kysely } from 'kysely';

/**
 * Contacts: customer records of one site (name, company, notes, custom fields), with their
 * email addresses and phone numbers in tables of their own so a lookup or a search reads one
 * indexed column. Visitors point at their contact through `visitors.contact_id`, reserved by
 * migration 001 and used from here on.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('company', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('custom_fields', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_by', 'text', (c) => c.references('agents.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contacts_site_name')
    .on('contacts')
    .columns(['site_id', 'name'])
    .execute();
  for (const [table, column] of [
    ['contact_emails', 'email'],
    ['contact_phones', 'phone'],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
      .addColumn(column, 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ['contact_id', column])
      .execute();
    await db.schema.createIndex(`${table}_${column}`).on(table).column(column).execute();
  }
  await db.schema.createIndex('visitors_contact').on('visitors').column('contact_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('visitors_contact').execute();
  await db.schema.dropTable('contact_phones').execute();
  await db.schema.dropTable('contact_emails').execute();
  await db.schema.dropTable('contacts').execute();
}
