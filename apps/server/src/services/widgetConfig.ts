import type { WidgetConfig } from '@parley/protocol';
import type { SiteRow } from '../storage/schema.js';
import type { Deps } from './deps.js';

export async function anyAgentAvailable(deps: Deps): Promise<boolean> {
  const connected = await deps.presence.connectedAgentIds();
  if (connected.length === 0) return false;
  const row = await deps.db
    .selectFrom('agents')
    .select('id')
    .where('id', 'in', connected)
    .where('status', '=', 'online')
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

export async function widgetConfig(deps: Deps, site: SiteRow): Promise<WidgetConfig> {
  return {
    siteKey: site.key,
    siteName: site.name,
    chatEnabled: site.chat_enabled === 1,
    agentsAvailable: await anyAgentAvailable(deps),
    greeting: site.greeting,
    accentColor: site.accent_color,
  };
}
