/** The console's pages, kept in the URL hash so a reload stays where the agent was. */

export const settingsSections = [
  'general',
  'agents',
  'departments',
  'sites',
  'tags',
  'bans',
  'sso',
] as const;
export type SettingsSection = (typeof settingsSections)[number];

export type Route =
  | { page: 'chats' }
  | { page: 'visitors' }
  /** The inbox, or one ticket's thread. */
  | { page: 'tickets'; ticketId?: string }
  /** The archive, or one past chat opened over it ("From chat" on a ticket). */
  | { page: 'archive'; conversationId?: string }
  /** Customer records, or one contact's page. */
  | { page: 'contacts'; contactId?: string }
  | { page: 'replies' }
  | { page: 'settings'; section: SettingsSection };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  if (parts[0] === 'visitors') return { page: 'visitors' };
  if (parts[0] === 'tickets')
    return parts[1] ? { page: 'tickets', ticketId: parts[1] } : { page: 'tickets' };
  if (parts[0] === 'archive')
    return parts[1] ? { page: 'archive', conversationId: parts[1] } : { page: 'archive' };
  if (parts[0] === 'contacts')
    return parts[1] ? { page: 'contacts', contactId: parts[1] } : { page: 'contacts' };
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
      // Ticket ids are the server's (URL-safe); encoding keeps any other text one segment.
      return route.ticketId ? `#/tickets/${encodeURIComponent(route.ticketId)}` : '#/tickets';
    case 'archive':
      return route.conversationId
        ? `#/archive/${encodeURIComponent(route.conversationId)}`
        : '#/archive';
    case 'contacts':
      return route.contactId ? `#/contacts/${encodeURIComponent(route.contactId)}` : '#/contacts';
    case 'replies':
      return '#/replies';
    case 'settings':
      return `#/settings/${route.section}`;
  }
}
