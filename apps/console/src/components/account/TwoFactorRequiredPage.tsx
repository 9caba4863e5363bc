import { Button, Stack, Text, Title } from '@mantine/core';
import type { SessionResponse } from '@parley/protocol';
import { useMemo } from 'react';
import { createApi } from '../../api/admin';
import { AuthCard } from '../SignInPage';
import { TwoFactorSetup } from './TwoFactorSetup';

/** An admin whose organisation requires two-factor sign-in sets it up before anything else. */
export function TwoFactorRequiredPage(props: {
  session: SessionResponse;
  onDone: () => void;
  onSignOut: () => void;
}) {
  const api = useMemo(() => createApi(props.session.csrfToken), [props.session.csrfToken]);
  return (
    <AuthCard>
      <Stack gap="md">
        <div>
          <Title order={1} fz="h3">
            Two-factor sign-in required
          </Title>
          <Text c="dimmed" size="sm">
            Your organisation asks admins to confirm each sign-in with an authenticator app.
          </Text>
        </div>
        <TwoFactorSetup api={api} onDone={props.onDone} />
        <Button variant="subtle" onClick={props.onSignOut}>
          Sign out
        </Button>
      </Stack>
    </AuthCard>
  );
}
