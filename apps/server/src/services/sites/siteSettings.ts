import {
  WidgetLanguage,
  type SiteSettingsPatch,
  type SiteSummary,
  type WidgetPosition,
} from '@parley/protocol';
import { newIdentitySecret } from '../../domain/identityToken.js';
import { parsePrechatFields } from '../../domain/prechat.js';
import { AppError } from '../../errors.js';
import { originOf, parseAllowedOrigins } from '../../origins.js';
import type { AgentRow, SiteRow } from '../../storage/schema.js';
import { parseStringMap } from '../../domain/identity.js';
import { newId, newSiteKey } from '../../ids.js';
import { siteDefaults } from '../../storage/rows.js';
import {
  departmentIdsOfSite,
  findLiveSite,
  insertSite,
  liveSiteIds,
  liveSitesByName,
  markSiteRemoved,
  setIdentitySecret,
  siteDepartmentLinks,
  updateLiveSite,
} from '../../storage/sites.js';
import type { Deps } from '../deps.js';

/** A stored {language: text} object, keeping only known languages and non-empty texts. */
export function perLanguage(json: string): Partial<Record<WidgetLanguage, string>> {
  const out: Partial<Record<WidgetLanguage, string>> = {};
  for (const [lang, text] of Object.entries(parseStringMap(json))) {
    const language = WidgetLanguage.safeParse(lang);
    if (language.success && text.trim() !== '') out[language.data] = text;
  }
  return out;
}

/** The launcher's corner as stored; anything unknown is the default, right. */
export function positionOf(row: Pick<SiteRow, 'widget_position'>): WidgetPosition {
  return row.widget_position === 'left' ? 'left' : 'right';
}

export function presentSite(row: SiteRow, departmentIds: string[], isAdmin: boolean): SiteSummary {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    chatEnabled: row.chat_enabled === 1,
    departmentIds,
    settings: {
      language: WidgetLanguage.safeParse(row.language).data ?? null,
      greeting: row.greeting,
      greetings: perLanguage(row.greetings),
      offlineMessage: perLanguage(row.offline_message),
      accentColor: row.accent_color,
      position: positionOf(row),
      requireVerifiedIdentity: row.require_verified_identity === 1,
      prechatFields: parsePrechatFields(row.prechat_fields),
      allowedOrigins: parseAllowedOrigins(row.allowed_origins),
    },
    identitySecret: isAdmin ? row.identity_secret : null,
  };
}

async function siteWithDepartments(deps: Deps, id: string, isAdmin: boolean): Promise<SiteSummary> {
  const row = await findLiveSite(deps.store, id);
  if (!row) throw new AppError('NOT_FOUND', 'Site not found.');
  return presentSite(row, await departmentIdsOfSite(deps.store, id), isAdmin);
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
  if (patch.name !== undefined) set.name = patch.name;
  if (patch.language !== undefined) set.language = patch.language;
  if (patch.greeting !== undefined) set.greeting = patch.greeting;
  if (patch.greetings !== undefined) set.greetings = JSON.stringify(patch.greetings);
  if (patch.offlineMessage !== undefined)
    set.offline_message = JSON.stringify(patch.offlineMessage);
  if (patch.accentColor !== undefined) set.accent_color = patch.accentColor.toLowerCase();
  if (patch.position !== undefined) set.widget_position = patch.position;
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
  if (Object.keys(set).length > 0 && !(await updateLiveSite(deps.store, id, set)))
    throw new AppError('NOT_FOUND', 'Site not found.');
  return siteWithDepartments(deps, id, true);
}

/** A new secret: identities signed with the old one stop verifying at once. */
export async function regenerateIdentitySecret(deps: Deps, id: string): Promise<SiteSummary> {
  if (!(await setIdentitySecret(deps.store, id, newIdentitySecret())))
    throw new AppError('NOT_FOUND', 'Site not found.');
  return siteWithDepartments(deps, id, true);
}

/** Every site with the departments it routes to; secrets only for admins. */
export async function listSites(deps: Deps, actor: AgentRow): Promise<SiteSummary[]> {
  const [sites, links] = await Promise.all([
    liveSitesByName(deps.store),
    siteDepartmentLinks(deps.store),
  ]);
  return sites.map((s) =>
    presentSite(
      s,
      links.filter((l) => l.site_id === s.id).map((l) => l.department_id),
      actor.role === 'admin',
    ),
  );
}

const DEFAULT_GREETING = 'Hi! How can we help?';

/** Settings → Sites → Add site: a new key and identity secret, the usual widget defaults. */
export async function createSite(
  deps: Deps,
  input: { name: string; allowedOrigins: string[] },
): Promise<SiteSummary> {
  const origins = input.allowedOrigins.map((o) => originOf(o));
  const bad = origins.findIndex((o) => o === null);
  if (bad >= 0)
    throw new AppError('VALIDATION_FAILED', 'Origins must be http(s) URLs.', {
      [`allowedOrigins.${bad}`]: 'must be an origin such as https://shop.example',
    });
  const now = deps.clock.now();
  const row: SiteRow = {
    id: newId(now),
    key: newSiteKey(),
    name: input.name,
    allowed_origins: JSON.stringify([...new Set(origins as string[])]),
    chat_enabled: 1,
    greeting: DEFAULT_GREETING,
    accent_color: '#1c7ed6',
    created_at: now,
    ...siteDefaults,
    identity_secret: newIdentitySecret(),
  };
  await insertSite(deps.store, row);
  return presentSite(row, [], true);
}

/**
 * Removes a site: its widget stops loading at once (its key is unknown), its chats and visitors
 * stay in the history. The last site cannot be removed.
 */
export async function removeSite(deps: Deps, id: string): Promise<void> {
  const live = await liveSiteIds(deps.store);
  if (!live.includes(id)) throw new AppError('NOT_FOUND', 'Site not found.');
  if (live.length === 1)
    throw new AppError('VALIDATION_FAILED', 'Keep at least one site: add another one first.', {
      id: 'the last site',
    });
  await markSiteRemoved(deps.store, id, deps.clock.now());
}
