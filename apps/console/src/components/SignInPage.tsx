import { Alert, Box, Button, Center, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { LoginInput } from '@parley/protocol';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { Wordmark } from './Wordmark';

interface SignInPageProps {
  /** Resolves to an error message, or null once signed in. */
  onSubmit: (input: LoginInput) => Promise<string | null>;
  expired: boolean;
}

export function SignInPage({ onSubmit, expired }: SignInPageProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError('Enter your email and password.');
      return;
    }
    setBusy(true);
    setError(null);
    const problem = await onSubmit({ email: email.trim(), password });
    // On success this page unmounts; only a failure needs the form back.
    if (problem) {
      setError(problem);
      setBusy(false);
    }
  }

  return (
    <Center mih="100%" p="md" component="main">
      <Box w="100%" maw={380}>
        <Center mb="lg">
          <Wordmark size="lg" />
        </Center>
        <Paper withBorder shadow="sm" radius="lg" p="xl">
          <form onSubmit={submit} noValidate>
            <Stack gap="md">
              <SignInHeading expired={expired} error={error} />
              <TextInput
                label="Email"
                type="email"
                autoComplete="username"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                autoFocus
                required
                withAsterisk={false}
              />
              <TextInput
                label="Password"
                type="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                required
                withAsterisk={false}
              />
              <Button type="submit" fullWidth loading={busy} size="md">
                Sign in
              </Button>
            </Stack>
          </form>
        </Paper>
      </Box>
    </Center>
  );
}

/** The title, and why the agent is here again: the session ended, or the last try failed. */
function SignInHeading({ expired, error }: { expired: boolean; error: string | null }) {
  return (
    <>
      <div>
        <Title order={1} fz="h3">
          Sign in
        </Title>
        <Text c="dimmed" size="sm">
          to answer your visitors
        </Text>
      </div>
      {expired && !error && (
        <Alert color="yellow" variant="light" role="status">
          Your session ended. Sign in again to continue.
        </Alert>
      )}
      {error && (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle size={18} />}>
          {error}
        </Alert>
      )}
    </>
  );
}
