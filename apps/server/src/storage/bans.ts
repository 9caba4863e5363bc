import type { AccessScope } from '../domain/access.js';
import { siteVisible } from './access.js';
import type { BanRow, VisitorRow } from './schema.js';
import type { Store } from './store.js';

/** Bans in force at `now`: not lifted and not expired. */
function activeBans(db: Store, now: number) {
  return db
    .selectFrom('bans')
    .where('lifted_at', 'is', null)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]));
}

export async function insertBan(db: Store, row: BanRow): Promise<void> {
  await db.insertInto('bans').values(row).execute();
}

/** Whether a ban in force on the visitor's site names the visitor or their current address. */
export async function hasActiveBan(
  db: Store,
  visitor: Pick<VisitorRow, 'id' | 'site_id' | 'ip'>,
  now: number,
): Promise<boolean> {
  const hit = await activeBans(db, now)
    .select('id')
    .where('site_id', '=', visitor.site_id)
    .where((eb) =>
      visitor.ip
        ? eb.or([eb('visitor_id', '=', visitor.id), eb('ip', '=', visitor.ip)])
        : eb('visitor_id', '=', visitor.id),
    )
    .executeTakeFirst();
  return hit !== undefined;
}

/** Bans in force that name one of these visitors or addresses. */
export function activeBansOn(
  db: Store,
  now: number,
  visitorIds: readonly string[],
  ips: readonly string[],
): Promise<Array<Pick<BanRow, 'site_id' | 'visitor_id' | 'ip'>>> {
  return activeBans(db, now)
    .select(['site_id', 'visitor_id', 'ip'])
    .where((eb) =>
      ips.length > 0
        ? eb.or([eb('visitor_id', 'in', visitorIds), eb('ip', 'in', ips)])
        : eb('visitor_id', 'in', visitorIds),
    )
    .execute();
}

/** Bans in force on the sites of `scope`, newest first, at most `limit`. */
export function activeBansIn(
  db: Store,
  now: number,
  scope: AccessScope,
  limit: number,
): Promise<BanRow[]> {
  return activeBans(db, now)
    .selectAll()
    .where(siteVisible(scope, 'site_id'))
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

/** A ban (lifted or not) on one of the sites of `scope`. */
export function findBanIn(
  db: Store,
  id: string,
  scope: AccessScope,
): Promise<Pick<BanRow, 'id' | 'visitor_id' | 'lifted_at'> | undefined> {
  return db
    .selectFrom('bans')
    .select(['id', 'visitor_id', 'lifted_at'])
    .where('id', '=', id)
    .where(siteVisible(scope, 'site_id'))
    .executeTakeFirst();
}

/** Lifts the ban if it is not lifted yet. */
export async function liftBanRow(db: Store, id: string, by: string, now: number): Promise<void> {
  await db
    .updateTable('bans')
    .set({ lifted_at: now, lifted_by: by })
    .where('id', '=', id)
    .where('lifted_at', 'is', null)
    .execute();
}
