import { sql, type Kysely } from 'kysely';

// Knowing the visitor: what the loader reports (pages, language, time zone), what the server
// derives (IP, location, browser), identity (attributes and the values a signed identity
// vouched for), per-site identity and survey settings, conversation extras (pre-chat answers,
// called-from page, rating), proactive invitations and bans.
export async function up(db: Kysely<unknown>): Promise<void> {
  await visitorDetailsAndSiteSettings(db);
  await conversationContextInvitationsAndBans(db);
}

async function visitorDetailsAndSiteSettings(db: Kysely<unknown>): Promise<void> {
  const visitorColumns: Array<[string, 'text' | 'bigint' | 'integer', unknown?]> = [
    ['language', 'text'],
    ['time_zone', 'text'],
    ['ip', 'text'],
    ['country', 'text'],
    ['region', 'text'],
    ['city', 'text'],
    ['geo_time_zone', 'text'],
    ['browser', 'text'],
    ['os', 'text'],
    ['device_type', 'text'],
    ['referrer', 'text'],
    ['current_url', 'text'],
    ['current_title', 'text'],
    ['visit_started_at', 'bigint'],
    ['visits', 'integer', 0],
    ['page_views', 'integer', 0],
    ['attributes', 'text', '{}'],
    ['verified', 'text', '{}'],
  ];
  for (const [name, type, dflt] of visitorColumns) {
    await db.schema
      .alterTable('visitors')
      .addColumn(name, type, (c) => (dflt === undefined ? c : c.notNull().defaultTo(dflt)))
      .execute();
  }
  await db.schema
    .createIndex('visitors_site_seen')
    .on('visitors')
    .columns(['site_id', 'last_seen_at'])
    .execute();

  await db.schema
    .createTable('page_views')
    .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('page_views_pk', ['visitor_id', 'id'])
    .execute();
  await db.schema
    .createIndex('page_views_visitor_at')
    .on('page_views')
    .columns(['visitor_id', 'at'])
    .execute();

  await db.schema.alterTable('sites').addColumn('language', 'text').execute();
  await db.schema
    .alterTable('sites')
    .addColumn('require_verified_identity', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('sites').addColumn('identity_secret', 'text').execute();
  await db.schema
    .alterTable('sites')
    .addColumn('prechat_fields', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}

async function conversationContextInvitationsAndBans(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('conversations')
    .addColumn('prechat', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('conversations').addColumn('start_url', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('start_title', 'text').execute();
  await db.schema
    .alterTable('conversations')
    .addColumn('invited', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('conversations').addColumn('rating', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('rating_comment', 'text').execute();
  await db.schema.alterTable('conversations').addColumn('rated_at', 'bigint').execute();

  await db.schema
    .createTable('proactive_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id'))
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('answered_at', 'bigint')
    .execute();
  // One pending invitation per visitor, whichever node or agent sends it.
  await sql`CREATE UNIQUE INDEX proactive_one_pending ON proactive_invitations (visitor_id) WHERE status = 'pending'`.execute(
    db,
  );

  await db.schema
    .createTable('bans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('visitor_id', 'text', (c) => c.references('visitors.id'))
    .addColumn('ip', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('lifted_at', 'bigint')
    .addColumn('lifted_by', 'text')
    .execute();
  await db.schema.createIndex('bans_visitor').on('bans').column('visitor_id').execute();
  await db.schema.createIndex('bans_site_ip').on('bans').columns(['site_id', 'ip']).execute();
}
