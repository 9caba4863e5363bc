/** The console's pages, kept in the URL hash so a reload stays where the agent was. */

export const settingsSections = [
  'general',
  'agents',
  'departments',
  'sites',
  'bans',
  'sso',
] as const;
export type SettingsSection = (typeof settingsSections)[number];

export type Route =
  | { page: 'chats' }
  | { page: 'visitors' }
  | { page: 'tickets' }
  | { page: 'archive' }
  | { page: 'replies' }
  | { page: 'settings'; section: SettingsSection };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'visitors') return { page: 'visitors' };
  if (parts[0] === 'tickets') return { page: 'tickets' };
  if (parts[0] === 'archive') return { page: 'archive' };
  if (parts[0] === 'replies') return { page: 'replies' };
  if (parts[0] === 'settings') {
    const section = settingsSections.find((s) => s === parts[1]) ?? 'general';
    return { page: 'settings', section };
  }
  return { page: 'chats' };
}

export function routeHref(route: Route): string {
  switch (route.page) {
    case 'chats':
      return '#/';
    case 'visitors':
      return '#/visitors';
    case 'tickets':
      return '#/tickets';
    case 'archive':
      return '#/archive';
    case 'replies':
      return '#/replies';
    case 'settings':
      return `#/settings/${route.section}`;
  }
}
