import { Button, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { resetPassword } from '../api/auth';
import { FormAlert } from './account/FormAlert';
import { useAction } from './account/useAction';
import { AuthCard } from './SignInPage';

/** The page an emailed reset link opens (#/reset-password?token=...). */
export function ResetPasswordPage({ token, onDone }: { token: string; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const { error, busy, run } = useAction('Could not set the password. Try again.');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await run(() => resetPassword(token, password))) setDone(true);
  }

  return (
    <AuthCard>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Title order={1} fz="h3">
            Choose a new password
          </Title>
          {done ? (
            <>
              <FormAlert done="Your password is changed, and you are signed out everywhere." />
              <Button onClick={onDone}>Sign in</Button>
            </>
          ) : (
            <>
              <Text c="dimmed" size="sm">
                At least 12 characters; a few uncommon words are easy to remember and hard to guess.
              </Text>
              <FormAlert error={error} />
              <PasswordInput
                label="New password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                autoFocus
              />
              <Button type="submit" fullWidth loading={busy} size="md">
                Set new password
              </Button>
            </>
          )}
        </Stack>
      </form>
    </AuthCard>
  );
}
