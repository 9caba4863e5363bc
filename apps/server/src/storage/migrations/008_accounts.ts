import type { Kysely } from 'kysely';

// Password reset links: only the SHA-256 of the emailed token is kept, with when it expires and
// when it was used (a link works once). Two-factor sign-in: the TOTP secret (and one being set
// up), the last time step used (a code works once), and hashed single-use recovery codes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('password_resets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('password_resets_agent')
    .on('password_resets')
    .column('agent_id')
    .execute();
  await db.schema.alterTable('agents').addColumn('two_factor_at', 'bigint').execute();
  await db.schema.alterTable('agents').addColumn('totp_secret', 'text').execute();
  await db.schema.alterTable('agents').addColumn('totp_pending', 'text').execute();
  await db.schema.alterTable('agents').addColumn('totp_last_step', 'bigint').execute();
  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('used_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('recovery_codes_agent')
    .on('recovery_codes')
    .column('agent_id')
    .execute();
}
