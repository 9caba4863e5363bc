import { Alert, Button, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { resetPassword } from '../api/auth';
import { ApiError } from '../api/http';
import { AuthCard } from './SignInPage';

/** The page an emailed reset link opens (#/reset-password?token=...). */
export function ResetPasswordPage({ token, onDone }: { token: string; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await resetPassword(token, password);
      setDone(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not set the password. Try again.');
    } finally {
      setBusy(false);
    }
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
              <Alert color="green" variant="light" role="status">
                Your password is changed, and you are signed out everywhere.
              </Alert>
              <Button onClick={onDone}>Sign in</Button>
            </>
          ) : (
            <>
              <Text c="dimmed" size="sm">
                At least 12 characters; a few uncommon words are easy to remember and hard to guess.
              </Text>
              {error && (
                <Alert color="red" variant="light" role="alert">
                  {error}
                </Alert>
              )}
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
