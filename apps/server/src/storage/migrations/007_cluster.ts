import type { Kysely } from 'kysely';

// State that lived in one process's memory and must be shared by every node of a cluster:
// since when an agent has had no connection (the offline grace period), and what each site's
// widgets were last told about availability (so one node, not every node, announces a change).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('agents').addColumn('disconnected_at', 'bigint').execute();
  await db.schema.alterTable('sites').addColumn('agents_available', 'integer').execute();
}
