import { Button, Center, Loader, Stack, Text } from '@mantine/core';
import { ConsoleRoot } from './components/ConsoleRoot';
import { useState } from 'react';
import { ResetPasswordPage } from './components/ResetPasswordPage';
import { SignInPage } from './components/SignInPage';
import { TwoFactorRequiredPage } from './components/account/TwoFactorRequiredPage';
import { useSession } from './hooks/useSession';

/** Decides between signing in and the console; the console only exists with a session. */
/** The token of an emailed reset link (#/reset-password?token=...), if the page was opened by one. */
function resetToken(): string | null {
  const match = /^#\/reset-password\?token=([^&]+)/.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]!) : null;
}

export function App() {
  const { state, login, logout, expire, retry } = useSession();
  const [reset, setReset] = useState(resetToken);

  if (reset)
    return (
      <ResetPasswordPage
        token={reset}
        onDone={() => {
          window.location.hash = '#/';
          setReset(null);
          retry();
        }}
      />
    );

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
      return (
        <SignInPage onSubmit={login} expired={state.reason === 'expired'} onSignedIn={retry} />
      );
    case 'signedIn':
      // Admins of an organisation that requires two-factor sign-in set it up before anything.
      if (state.session.twoFactor?.setupRequired)
        return <TwoFactorRequiredPage session={state.session} onDone={retry} onSignOut={logout} />;
      return <ConsoleRoot session={state.session} onSignOut={logout} onSessionLost={expire} />;
  }
}
