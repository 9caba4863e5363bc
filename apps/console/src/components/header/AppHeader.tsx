import { Badge, Burger, Group } from '@mantine/core';
import type { Attention } from '../../client/conversations/groups';
import { isSupervisor } from '../../client/conversations/conversations';
import { useConsoleState } from '../../context';
import type { Route } from '../../route';
import { Wordmark } from '../Wordmark';
import { AccountMenu } from './AccountMenu';
import { ConnectionIndicator } from './ConnectionIndicator';
import { SearchBox } from '../search/SearchBox';
import { MainNav } from './MainNav';
import { StatusSelect } from './StatusSelect';

interface AppHeaderProps {
  navOpened: boolean;
  onToggleNav: () => void;
  route: Route;
  counts: Attention;
}

export function AppHeader({ navOpened, onToggleNav, route, counts }: AppHeaderProps) {
  const { me, visitors } = useConsoleState();
  const supervisor = isSupervisor(me);
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="lg" wrap="nowrap">
        <Burger
          opened={navOpened}
          onClick={onToggleNav}
          hiddenFrom="sm"
          size="sm"
          aria-label={navOpened ? 'Hide chat list' : 'Show chat list'}
        />
        <Wordmark />
        <MainNav
          route={route}
          chatsBadge={counts.unreadChats + counts.unreadDirects}
          visitorsBadge={visitors.count}
        />
        <ConnectionIndicator />
      </Group>
      <Group gap="sm" wrap="nowrap" style={{ flex: 1, justifyContent: 'flex-end', minWidth: 0 }}>
        <SearchBox />
        {supervisor && (
          <Badge
            role="status"
            size="lg"
            variant={counts.unassigned > 0 ? 'filled' : 'light'}
            color={counts.unassigned > 0 ? 'orange' : 'gray'}
            visibleFrom="md"
            style={{ flexShrink: 0 }}
          >
            {counts.unassigned} unassigned
          </Badge>
        )}
        <StatusSelect />
        <AccountMenu />
      </Group>
    </Group>
  );
}
