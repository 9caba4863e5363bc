import type { SiteRow } from './schema.js';
import type { Store } from './store.js';

/** A site by id, removed or not. */
export function findSite(db: Store, id: string): Promise<SiteRow | undefined> {
  return db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A site that was not removed. */
export function findLiveSite(db: Store, id: string): Promise<SiteRow | undefined> {
  return db
    .selectFrom('sites')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** The site a widget's key names, unless it was removed (its key is unknown from then on). */
export function findLiveSiteByKey(db: Store, key: string): Promise<SiteRow | undefined> {
  return db
    .selectFrom('sites')
    .selectAll()
    .where('key', '=', key)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Sites not removed, by name. */
export function liveSitesByName(db: Store): Promise<SiteRow[]> {
  return db
    .selectFrom('sites')
    .selectAll()
    .where('deleted_at', 'is', null)
    .orderBy('name')
    .execute();
}

/** The ids of the sites not removed. */
export async function liveSiteIds(db: Store): Promise<string[]> {
  const rows = await db.selectFrom('sites').select('id').where('deleted_at', 'is', null).execute();
  return rows.map((s) => s.id);
}

/** A site's signing secret and whether it accepts signed identities only. */
export function siteIdentity(
  db: Store,
  id: string,
): Promise<Pick<SiteRow, 'identity_secret' | 'require_verified_identity'> | undefined> {
  return db
    .selectFrom('sites')
    .select(['identity_secret', 'require_verified_identity'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertSite(db: Store, row: SiteRow): Promise<void> {
  await db.insertInto('sites').values(row).execute();
}

/** Changes a site that was not removed; false when there is none. */
export async function updateLiveSite(
  db: Store,
  id: string,
  set: Partial<SiteRow>,
): Promise<boolean> {
  const result = await db
    .updateTable('sites')
    .set(set)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Replaces a site's identity secret; false when there is no such site. */
export async function setIdentitySecret(db: Store, id: string, secret: string): Promise<boolean> {
  const result = await db
    .updateTable('sites')
    .set({ identity_secret: secret })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Marks the site removed and its chat off. */
export async function markSiteRemoved(db: Store, id: string, now: number): Promise<void> {
  await db
    .updateTable('sites')
    .set({ deleted_at: now, chat_enabled: 0 })
    .where('id', '=', id)
    .execute();
}

/** The ids of the departments one site routes to, in order. */
export async function departmentIdsOfSite(db: Store, siteId: string): Promise<string[]> {
  const links = await db
    .selectFrom('site_departments')
    .select('department_id')
    .where('site_id', '=', siteId)
    .orderBy('position')
    .execute();
  return links.map((l) => l.department_id);
}

/** Every site-to-department link, in order. */
export function siteDepartmentLinks(
  db: Store,
): Promise<Array<{ site_id: string; department_id: string; position: number }>> {
  return db.selectFrom('site_departments').selectAll().orderBy('position').execute();
}

/** The departments (id and name) one site routes to, as the pre-chat step lists them. */
export function departmentsOfSite(
  db: Store,
  siteId: string,
): Promise<Array<{ id: string; name: string }>> {
  return db
    .selectFrom('site_departments as sd')
    .innerJoin('departments as d', 'd.id', 'sd.department_id')
    .select(['d.id', 'd.name'])
    .where('sd.site_id', '=', siteId)
    .orderBy('sd.position')
    .orderBy('d.name')
    .execute();
}

/** What each site's widgets were last told about agents being available. */
export function siteAvailabilityFlags(
  db: Store,
): Promise<Array<Pick<SiteRow, 'id' | 'agents_available'>>> {
  return db.selectFrom('sites').select(['id', 'agents_available']).execute();
}

/**
 * Records that the site's availability is now `available` (1 or 0); false when it already
 * was, so that only the node whose update changed it announces.
 */
export async function markSiteAvailability(
  db: Store,
  siteId: string,
  available: 0 | 1,
): Promise<boolean> {
  const changed = await db
    .updateTable('sites')
    .set({ agents_available: available })
    .where('id', '=', siteId)
    .where((eb) =>
      eb.or([eb('agents_available', 'is', null), eb('agents_available', '!=', available)]),
    )
    .executeTakeFirst();
  return Number(changed.numUpdatedRows) > 0;
}
