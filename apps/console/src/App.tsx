import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { ConsoleRoot } from './components/ConsoleRoot';
import { SignInPage } from './components/SignInPage';
import { useSession } from './hooks/useSession';

/** Decides between signing in and the console; the console only exists with a session. */
export function App() {
  const { state, login, logout, expire, retry } = useSession();

  switch (state.kind) {
    case 'loading':
      return (
        <Center h="100%">
          <Loader aria-label="Loading" />
        </Center>
      );
    case 'unreachable':
      return (
        <Center h="100%">
          <Stack align="center" gap="sm">
            <Text fw={600}>Parley is not reachable</Text>
            <Text c="dimmed" size="sm">
              {state.message}
            </Text>
            <Button onClick={retry}>Try again</Button>
          </Stack>
        </Center>
      );
    case 'signedOut':
      return <SignInPage onSubmit={login} expired={state.reason === 'expired'} />;
    case 'signedIn':
      return <ConsoleRoot session={state.session} onSignOut={logout} onSessionLost={expire} />;
  }
}
