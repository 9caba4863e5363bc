import { sql, type Kysely } from 'kysely';

// Routing: departments and their members, which departments a site routes to, offers (the
// routing log), invitations, chat participants, tickets from the message form.
export async function up(db: Kysely<unknown>): Promise<void> {
  await departmentsAndOffers(db);
  await routingLogInvitationsAndTickets(db);
  await agentsLastOffered(db);
}

async function departmentsAndOffers(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('departments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('distribution', 'text', (c) => c.notNull().defaultTo('least_busy'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('department_members')
    .addColumn('department_id', 'text', (c) =>
      c.notNull().references('departments.id').onDelete('cascade'),
    )
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('department_members_pk', ['department_id', 'agent_id'])
    .execute();

  await db.schema
    .createTable('site_departments')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('department_id', 'text', (c) =>
      c.notNull().references('departments.id').onDelete('cascade'),
    )
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('site_departments_pk', ['site_id', 'department_id'])
    .execute();

  // One row per offer of a chat to an agent: pending, then accepted / rejected / timed_out /
  // withdrawn. With routing_events it is the chat's routing log.
  await db.schema
    .createTable('offers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('offered_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('answered_at', 'bigint')
    .execute();
  await sql`create unique index offers_one_pending on offers (conversation_id, agent_id) where status = 'pending'`.execute(
    db,
  );
  await db.schema
    .createIndex('offers_pending_expiry')
    .on('offers')
    .columns(['status', 'expires_at'])
    .execute();
  await db.schema
    .createIndex('offers_agent')
    .on('offers')
    .columns(['agent_id', 'status'])
    .execute();
}

async function routingLogInvitationsAndTickets(db: Kysely<unknown>): Promise<void> {
  // Everything else that moves a chat: assigned by a supervisor, transferred, invited, joined.
  await db.schema
    .createTable('routing_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('routing_events_conversation')
    .on('routing_events')
    .columns(['conversation_id', 'at'])
    .execute();

  // Agents in a chat besides its owner (invited colleagues), while they are in it.
  await db.schema
    .createTable('participants')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .addColumn('left_at', 'bigint')
    .addPrimaryKeyConstraint('participants_pk', ['conversation_id', 'agent_id'])
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('inviter_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('invitee_id', 'text', (c) => c.notNull().references('agents.id'))
    .addColumn('inviter_leaves', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('answered_at', 'bigint')
    .execute();
  // One pending invitation per chat at a time.
  await sql`create unique index invitations_one_pending on invitations (conversation_id) where status = 'pending'`.execute(
    db,
  );

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    .addColumn('visitor_id', 'text', (c) => c.references('visitors.id'))
    .addColumn('conversation_id', 'text', (c) => c.references('conversations.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('tickets_status')
    .on('tickets')
    .columns(['status', 'created_at'])
    .execute();
}

async function agentsLastOffered(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('agents').addColumn('last_offered_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('agents').dropColumn('last_offered_at').execute();
  for (const t of [
    'tickets',
    'invitations',
    'participants',
    'routing_events',
    'offers',
    'site_departments',
    'department_members',
    'departments',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
