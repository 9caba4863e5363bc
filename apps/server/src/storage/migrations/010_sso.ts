import type { Kysely } from 'kysely';

// Single sign-on with OpenID Connect. `sso_links`: which agent a provider account (issuer and
// subject) signs in as. `sso_attempts`: sign-ins on their way through the provider, keyed by the
// SHA-256 of their `state`, with the PKCE verifier, the nonce and where to return; a row is
// used once and expires in minutes, so any node of a cluster can finish what another started.
// `sso_second_factor`: a provider sign-in waiting for the agent's two-factor code.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sso_links')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sso_links_pk', ['issuer', 'subject'])
    .execute();
  await db.schema.createIndex('sso_links_agent').on('sso_links').column('agent_id').execute();
  await db.schema
    .createTable('sso_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('return_to', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sso_attempts_expiry')
    .on('sso_attempts')
    .column('expires_at')
    .execute();
  await db.schema
    .createTable('sso_second_factor')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('return_to', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('sso_second_factor_expiry')
    .on('sso_second_factor')
    .column('expires_at')
    .execute();
}
