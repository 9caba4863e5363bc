import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconPhoto, IconShieldLock } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { useConsole, useConsoleState } from '../../context';
import { initials } from './profile';

// Opened now and then: loads on first use.
const ProfilePhotoModal = lazy(() =>
  import('./ProfilePhotoModal').then((m) => ({ default: m.ProfilePhotoModal })),
);
const AccountSettingsModal = lazy(() =>
  import('../account/AccountSettingsModal').then((m) => ({ default: m.AccountSettingsModal })),
);

export function AccountMenu() {
  const { signOut } = useConsole();
  const { me } = useConsoleState();
  const [photo, setPhoto] = useState(false);
  const [account, setAccount] = useState(false);

  return (
    <>
      <Menu position="bottom-end" width={220} shadow="md">
        <Menu.Target>
          <UnstyledButton
            aria-label={`Account: ${me.name}`}
            px={6}
            py={4}
            style={{ borderRadius: 8 }}
          >
            <Group gap={8} wrap="nowrap">
              <Avatar src={me.avatarUrl} size={30} radius="xl" color="indigo">
                {initials(me.name)}
              </Avatar>
              <Text size="sm" fw={500} visibleFrom="sm" maw={160} truncate>
                {me.name}
              </Text>
              <IconChevronDown size={14} aria-hidden />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{me.email}</Menu.Label>
          <Menu.Item
            leftSection={<IconPhoto size={16} aria-hidden />}
            onClick={() => setPhoto(true)}
          >
            Profile photo
          </Menu.Item>
          <Menu.Item
            leftSection={<IconShieldLock size={16} aria-hidden />}
            onClick={() => setAccount(true)}
          >
            Account settings
          </Menu.Item>
          <Menu.Item leftSection={<IconLogout size={16} aria-hidden />} onClick={signOut}>
            Sign out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Suspense fallback={null}>
        {photo && <ProfilePhotoModal onDone={() => setPhoto(false)} />}
        {account && <AccountSettingsModal onDone={() => setAccount(false)} />}
      </Suspense>
    </>
  );
}
