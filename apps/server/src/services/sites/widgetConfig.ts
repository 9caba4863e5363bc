import { WidgetLanguage, type WidgetConfig } from '@parley/protocol';
import { canSeeSite } from '../../domain/access.js';
import { parsePrechatFields } from '../../domain/prechat.js';
import type { SiteRow } from '../../storage/schema.js';
import { departmentsOfSite, findSite } from '../../storage/sites.js';
import { AppError } from '../../errors.js';
import type { Deps } from '../deps.js';
import { agentCapacities, isAvailable } from '../routing/capacity.js';
import { getSettings } from '../settings/settings.js';
import { perLanguage, positionOf } from './siteSettings.js';

export async function siteDepartments(
  deps: Pick<Deps, 'store'>,
  siteId: string,
): Promise<Array<{ id: string; name: string }>> {
  return departmentsOfSite(deps.store, siteId);
}

/** True when someone who serves this site (works on it, domain/access.ts) is Online and connected. */
export async function siteHasAvailableAgent(deps: Deps, siteId: string): Promise<boolean> {
  const departments = new Set((await siteDepartments(deps, siteId)).map((d) => d.id));
  const available = (await agentCapacities(deps)).filter(
    (c) => isAvailable(c) && canSeeSite(c.access, siteId),
  );
  return departments.size === 0
    ? available.length > 0
    : available.some((c) => c.departmentIds.some((d) => departments.has(d)));
}

export async function widgetConfig(deps: Deps, site: SiteRow): Promise<WidgetConfig> {
  const [settings, departments, agentsAvailable] = await Promise.all([
    getSettings(deps),
    siteDepartments(deps, site.id),
    siteHasAvailableAgent(deps, site.id),
  ]);
  return {
    siteKey: site.key,
    siteName: site.name,
    chatEnabled: settings.chatEnabled && site.chat_enabled === 1,
    agentsAvailable,
    greeting: site.greeting,
    greetings: perLanguage(site.greetings),
    offlineMessage: perLanguage(site.offline_message),
    accentColor: site.accent_color,
    position: positionOf(site),
    departments: departments.length > 1 ? departments : [],
    maxFileMb: settings.maxFileMb,
    allowAnyFileType: settings.allowAnyFileType,
    showAgentPhoto: settings.showAgentPhoto,
    language: WidgetLanguage.safeParse(site.language).data ?? null,
    prechatFields: parsePrechatFields(site.prechat_fields),
  };
}

/** The widget config of a visitor's site, by id (the site may since have been removed). */
export async function widgetConfigOfSite(deps: Deps, siteId: string): Promise<WidgetConfig> {
  const site = await findSite(deps.store, siteId);
  if (!site) throw new AppError('NOT_FOUND', 'Site not found.');
  return widgetConfig(deps, site);
}
