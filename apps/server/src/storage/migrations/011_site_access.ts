import { sql, type Kysely } from 'kysely';

// Which sites each agent works on. Admins see every site whatever this says; supervisors and
// agents only the chats, visitors and tickets of their sites. Every existing agent gets every
// existing site, so an install that upgrades sees no change until an admin narrows someone.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agent_sites')
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('agent_sites_pk', ['agent_id', 'site_id'])
    .execute();
  await db.schema.createIndex('agent_sites_site').on('agent_sites').column('site_id').execute();
  await sql`INSERT INTO agent_sites (agent_id, site_id) SELECT a.id, s.id FROM agents a CROSS JOIN sites s`.execute(
    db,
  );
}
