import { Alert, Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { requestPasswordReset } from '../api/auth';
import { FormAlert } from './account/FormAlert';
import { useAction } from './account/useAction';
import { SignInEmail } from './authFields';

/** "Forgot password?": an email address in, a link by mail out (if it is an agent's). */
export function ForgotPasswordForm({ onBack }: { onBack: () => void }) {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [missing, setMissing] = useState(false);
  const { error, busy, run } = useAction('Could not send the link. Try again.');

  async function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(!email.trim());
    if (email.trim() && (await run(() => requestPasswordReset(email.trim())))) setSent(true);
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
            <FormAlert error={missing ? 'Enter the email address you sign in with.' : error} />
            <SignInEmail value={email} onChange={setEmail} />
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
