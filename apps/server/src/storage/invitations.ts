import type { Kysely } from 'kysely';
import type { Database, InvitationRow } from './schema.js';

export interface InvitationView extends InvitationRow {
  inviter_name: string;
  invitee_name: string;
}

export async function findInvitationView(
  db: Kysely<Database>,
  id: string,
): Promise<InvitationView | undefined> {
  return db
    .selectFrom('invitations as i')
    .innerJoin('agents as a', 'a.id', 'i.inviter_id')
    .innerJoin('agents as b', 'b.id', 'i.invitee_id')
    .selectAll('i')
    .select(['a.name as inviter_name', 'b.name as invitee_name'])
    .where('i.id', '=', id)
    .executeTakeFirst();
}
