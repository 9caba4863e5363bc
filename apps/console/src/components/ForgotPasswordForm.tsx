import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { requestPasswordReset } from '../api/auth';
import { ApiError } from '../api/http';

/** "Forgot password?": an email address in, a link by mail out (if it is an agent's). */
export function ForgotPasswordForm({ onBack }: { onBack: () => void }) {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim()) return setError('Enter the email address you sign in with.');
    setBusy(true);
    setError(null);
    try {
      await requestPasswordReset(email.trim());
      setSent(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not send the link. Try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <div>
          <Title order={1} fz="h3">
            Reset your password
          </Title>
          <Text c="dimmed" size="sm">
            We email you a link to choose a new one.
          </Text>
        </div>
        {sent ? (
          <Alert color="green" variant="light" role="status">
            If an account uses {email.trim()}, a link is on its way. It works once, for 30 minutes.
          </Alert>
        ) : (
          <>
            {error && (
              <Alert color="red" variant="light" role="alert">
                {error}
              </Alert>
            )}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              autoFocus
            />
            <Button type="submit" fullWidth loading={busy} size="md">
              Email me a link
            </Button>
          </>
        )}
        <Anchor component="button" type="button" size="sm" onClick={onBack} ta="center">
          Back to sign in
        </Anchor>
      </Stack>
    </form>
  );
}
