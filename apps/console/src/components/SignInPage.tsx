import {
  Alert,
  Anchor,
  Box,
  Button,
  Center,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { LoginInput } from '@parley/protocol';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { LoginProblem } from '../hooks/useSession';
import { ForgotPasswordForm } from './ForgotPasswordForm';
import { readSsoLanding, SsoButton, SsoCodeForm, useSsoStatus } from './SsoSignIn';
import { Wordmark } from './Wordmark';
import { AuthenticationCode, SignInEmail } from './authFields';

interface SignInPageProps {
  /** Resolves to null once signed in, else what went wrong. */
  onSubmit: (input: LoginInput) => Promise<LoginProblem | null>;
  expired: boolean;
  /** A sign-in finished outside this form (single sign-on's code step): load the session. */
  onSignedIn: () => void;
}

/** The page around the sign-in, forgot-password and reset forms. */
export function AuthCard({ children }: { children: ReactNode }) {
  return (
    <Center mih="100%" p="md" component="main">
      <Box w="100%" maw={380}>
        <Center mb="lg">
          <Wordmark size="lg" />
        </Center>
        <Paper withBorder shadow="sm" radius="lg" p="xl">
          {children}
        </Paper>
      </Box>
    </Center>
  );
}

export function SignInPage({ onSubmit, expired, onSignedIn }: SignInPageProps) {
  const [forgot, setForgot] = useState(false);
  const [landing, setLanding] = useState(readSsoLanding);
  const sso = useSsoStatus();
  const ssoName = sso?.enabled ? sso.displayName : null;
  let content: ReactNode;
  if (landing.askCode)
    content = (
      <SsoCodeForm
        onSignedIn={onSignedIn}
        onBack={() => setLanding({ error: null, askCode: false })}
      />
    );
  else if (forgot) content = <ForgotPasswordForm onBack={() => setForgot(false)} />;
  else
    content = (
      <SignInForm
        onSubmit={onSubmit}
        expired={expired}
        onForgot={() => setForgot(true)}
        ssoError={landing.error}
        ssoName={ssoName}
      />
    );
  return <AuthCard>{content}</AuthCard>;
}

interface SignInFormProps {
  onSubmit: SignInPageProps['onSubmit'];
  expired: boolean;
  onForgot: () => void;
  /** Why the last single sign-on came back without a session. */
  ssoError: string | null;
  /** The provider's name when single sign-on is on. */
  ssoName: string | null;
}

/** Email and password; then, for an agent with two-factor sign-in, the app's code. */
function SignInForm({ onSubmit, expired, onForgot, ssoError, ssoName }: SignInFormProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [askCode, setAskCode] = useState(false);
  const [error, setError] = useState<string | null>(ssoError);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim() || !password) return setError('Enter your email and password.');
    if (askCode && !code.trim()) return setError('Enter the code from your authenticator app.');
    setBusy(true);
    setError(null);
    const problem = await onSubmit({
      email: email.trim(),
      password,
      ...(askCode ? { code: code.trim() } : {}),
    });
    // On success this page unmounts; only a failure needs the form back.
    if (problem) {
      setAskCode(problem.needsCode);
      setError(askCode || !problem.needsCode ? problem.message : null);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SignInHeading expired={expired} error={error} />
        <SignInEmail value={email} onChange={setEmail} readOnly={askCode} />
        <TextInput
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          readOnly={askCode}
        />
        {askCode && <AuthenticationCode value={code} onChange={setCode} />}
        <Button type="submit" fullWidth loading={busy} size="md">
          Sign in
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={onForgot} ta="center">
          Forgot password?
        </Anchor>
        {ssoName && !askCode && <SsoButton name={ssoName} />}
      </Stack>
    </form>
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
