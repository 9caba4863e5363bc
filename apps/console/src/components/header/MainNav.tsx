import { Badge, Group, UnstyledButton } from '@mantine/core';
import { isSupervisor } from '../../client/conversations/conversations';
import { useConsoleState } from '../../context';
import { useTicketBadge } from '../../hooks/useTicketBadge';
import { routeHref, type Route } from '../../route';
import classes from './MainNav.module.css';

interface MainNavProps {
  route: Route;
  /** Unread chats and direct messages, shown on "Chats" while another page is open. */
  chatsBadge: number;
  /** Visitors on the sites now (null until first counted). */
  visitorsBadge: number | null;
}

/** Chats, Visitors, Tickets, Archive (closed chats), Contacts, Replies (saved replies) and (for supervisors) Settings. */
export function MainNav({ route, chatsBadge, visitorsBadge }: MainNavProps) {
  const { me } = useConsoleState();
  const ticketsBadge = useTicketBadge();
  const items: Array<{ page: Route['page']; label: string; href: string }> = [
    { page: 'chats', label: 'Chats', href: routeHref({ page: 'chats' }) },
    { page: 'visitors', label: 'Visitors', href: routeHref({ page: 'visitors' }) },
    { page: 'tickets', label: 'Tickets', href: routeHref({ page: 'tickets' }) },
    { page: 'archive', label: 'Archive', href: routeHref({ page: 'archive' }) },
    { page: 'contacts', label: 'Contacts', href: routeHref({ page: 'contacts' }) },
    { page: 'replies', label: 'Replies', href: routeHref({ page: 'replies' }) },
  ];
  if (isSupervisor(me)) {
    items.push({
      page: 'settings',
      label: 'Settings',
      href: routeHref({ page: 'settings', section: 'general' }),
    });
  }

  return (
    <Group component="nav" aria-label="Main" gap={4} wrap="nowrap" visibleFrom="sm">
      {items.map((item) => {
        const current = route.page === item.page;
        return (
          <UnstyledButton
            key={item.page}
            component="a"
            href={item.href}
            className={classes.link}
            data-active={current || undefined}
            aria-current={current ? 'page' : undefined}
          >
            {item.label}
            {item.page === 'chats' && !current && chatsBadge > 0 && (
              <Badge size="xs" circle={chatsBadge < 10} color="indigo" ml={6} aria-hidden>
                {chatsBadge}
              </Badge>
            )}
            {/* A count, not an alert: quiet grey, and hidden from the link's name ("Visitors"). */}
            {item.page === 'visitors' && visitorsBadge !== null && visitorsBadge > 0 && (
              <Badge
                size="xs"
                circle={visitorsBadge < 10}
                color="gray"
                variant="light"
                ml={6}
                aria-hidden
                title={`${visitorsBadge} on your sites now`}
              >
                {visitorsBadge > 999 ? '999+' : visitorsBadge}
              </Badge>
            )}
            {item.page === 'tickets' && ticketsBadge !== null && ticketsBadge > 0 && (
              <Badge
                size="xs"
                circle={ticketsBadge < 10}
                color="orange"
                ml={6}
                aria-hidden
                title={`${ticketsBadge} open for you or nobody`}
              >
                {ticketsBadge > 999 ? '999+' : ticketsBadge}
              </Badge>
            )}
          </UnstyledButton>
        );
      })}
    </Group>
  );
}
