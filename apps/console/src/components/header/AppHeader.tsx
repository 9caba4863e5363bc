import { Burger, Group } from '@mantine/core';
import { Wordmark } from '../Wordmark';
import { AccountMenu } from './AccountMenu';
import { ConnectionIndicator } from './ConnectionIndicator';
import { StatusSelect } from './StatusSelect';

interface AppHeaderProps {
  navOpened: boolean;
  onToggleNav: () => void;
}

export function AppHeader({ navOpened, onToggleNav }: AppHeaderProps) {
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
        <ConnectionIndicator />
      </Group>
      <Group gap="sm" wrap="nowrap">
        <StatusSelect />
        <AccountMenu />
      </Group>
    </Group>
  );
}
