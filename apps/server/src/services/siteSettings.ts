import { WidgetLanguage, type SiteSettingsPatch, type SiteSummary } from '@parley/protocol';
import { newIdentitySecret } from '../domain/identityToken.js';
import { parsePrechatFields } from '../domain/prechat.js';
import { AppError } from '../errors.js';
import { originOf, parseAllowedOrigins } from '../origins.js';
import type { AgentRow, SiteRow } from '../storage/schema.js';
import type { Deps } from './deps.js';

export function presentSite(row: SiteRow, departmentIds: string[], isAdmin: boolean): SiteSummary {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    chatEnabled: row.chat_enabled === 1,
    departmentIds,
    settings: {
      language: WidgetLanguage.safeParse(row.language).data ?? null,
      requireVerifiedIdentity: row.require_verified_identity === 1,
      prechatFields: parsePrechatFields(row.prechat_fields),
      allowedOrigins: parseAllowedOrigins(row.allowed_origins),
    },
    identitySecret: isAdmin ? row.identity_secret : null,
  };
}

async function siteWithDepartments(deps: Deps, id: string, isAdmin: boolean): Promise<SiteSummary> {
  const row = await deps.db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Site not found.');
  const links = await deps.db
    .selectFrom('site_departments')
    .select('department_id')
    .where('site_id', '=', id)
    .orderBy('position')
    .execute();
  return presentSite(
    row,
    links.map((l) => l.department_id),
    isAdmin,
  );
}

/** Only what was sent changes; origins are stored normalised (scheme://host[:port]). */
export async function updateSiteSettings(
  deps: Deps,
  id: string,
  patch: {
    [K in keyof SiteSettingsPatch]?: Exclude<SiteSettingsPatch[K], undefined>;
  },
): Promise<SiteSummary> {
  const set: Partial<SiteRow> = {};
  if (patch.language !== undefined) set.language = patch.language;
  if (patch.requireVerifiedIdentity !== undefined)
    set.require_verified_identity = patch.requireVerifiedIdentity ? 1 : 0;
  if (patch.prechatFields !== undefined) set.prechat_fields = JSON.stringify(patch.prechatFields);
  if (patch.allowedOrigins !== undefined) {
    const origins = patch.allowedOrigins.map((o) => originOf(o));
    const bad = origins.findIndex((o) => o === null);
    if (bad >= 0)
      throw new AppError('VALIDATION_FAILED', 'Origins must be http(s) URLs.', {
        [`allowedOrigins.${bad}`]: 'must be an origin such as https://shop.example',
      });
    set.allowed_origins = JSON.stringify([...new Set(origins as string[])]);
  }
  if (Object.keys(set).length > 0) {
    const result = await deps.db
      .updateTable('sites')
      .set(set)
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', 'Site not found.');
  }
  return siteWithDepartments(deps, id, true);
}

/** A new secret: identities signed with the old one stop verifying at once. */
export async function regenerateIdentitySecret(deps: Deps, id: string): Promise<SiteSummary> {
  const result = await deps.db
    .updateTable('sites')
    .set({ identity_secret: newIdentitySecret() })
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', 'Site not found.');
  return siteWithDepartments(deps, id, true);
}

/** Every site with the departments it routes to; secrets only for admins. */
export async function listSites(deps: Deps, actor: AgentRow): Promise<SiteSummary[]> {
  const [sites, links] = await Promise.all([
    deps.db.selectFrom('sites').selectAll().orderBy('name').execute(),
    deps.db.selectFrom('site_departments').selectAll().orderBy('position').execute(),
  ]);
  return sites.map((s) =>
    presentSite(
      s,
      links.filter((l) => l.site_id === s.id).map((l) => l.department_id),
      actor.role === 'admin',
    ),
  );
}
