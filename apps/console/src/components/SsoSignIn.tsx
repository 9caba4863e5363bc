import { Alert, Anchor, Button, Divider, Stack, Text, Title } from '@mantine/core';
import { errorCatalog, isErrorCode, type SsoStatusResponse } from '@parley/protocol';
import { IconAlertCircle, IconKey } from '@tabler/icons-react';
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api/http';
import { fetchSsoStatus, SSO_START_URL, submitSsoCode } from '../api/sso';
import { AuthenticationCode } from './authFields';

/** Why the server sent the browser back here from a single sign-on, read once from the URL. */
export interface SsoLanding {
  /** What went wrong, in words; null when nothing did. */
  error: string | null;
  /** The provider vouched for the agent; their two-factor code is due. */
  askCode: boolean;
}

/** Reads `?ssoError=CODE` / `?sso=code` and takes them out of the address bar. */
export function readSsoLanding(): SsoLanding {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('ssoError');
  const askCode = params.get('sso') === 'code';
  if (code !== null || askCode) {
    window.history.replaceState(null, '', `${window.location.pathname}${window.location.hash}`);
  }
  return { error: code === null ? null : ssoErrorText(code), askCode };
}

function ssoErrorText(code: string): string {
  if (code === 'INTERNAL' || !isErrorCode(code))
    return 'Single sign-on failed on our side. Try again, or sign in with your password.';
  return errorCatalog[code].message;
}

/** Whether to offer single sign-on; an unreachable answer simply offers none. */
export function useSsoStatus(): SsoStatusResponse | null {
  const [status, setStatus] = useState<SsoStatusResponse | null>(null);
  useEffect(() => {
    let cancelled = false;
    fetchSsoStatus().then(
      (s) => !cancelled && setStatus(s),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return status;
}

/** "Sign in with <provider>": a plain link, so the browser goes to the provider and back. */
export function SsoButton({ name }: { name: string }) {
  // Back to the same console page afterwards (say, after a session ended on Settings).
  const returnTo = `${window.location.pathname}${window.location.hash}`;
  const href = `${SSO_START_URL}?${new URLSearchParams({ returnTo }).toString()}`;
  return (
    <>
      <Divider label="or" labelPosition="center" />
      <Button
        component="a"
        href={href}
        variant="default"
        size="md"
        fullWidth
        leftSection={<IconKey size={18} aria-hidden />}
      >
        Sign in with {name}
      </Button>
    </>
  );
}

/** The second step after the provider: the authenticator app's code, as after a password. */
export function SsoCodeForm({
  onSignedIn,
  onBack,
}: {
  onSignedIn: () => void;
  onBack: () => void;
}) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!code.trim()) return setError('Enter the code from your authenticator app.');
    setBusy(true);
    setError(null);
    try {
      await submitSsoCode(code.trim());
      onSignedIn();
    } catch (err) {
      setExpired(err instanceof ApiError && err.code === 'SSO_STATE_INVALID');
      setError(err instanceof Error ? err.message : 'Could not sign in. Try again.');
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <div>
          <Title order={1} fz="h3">
            Two-factor sign-in
          </Title>
          <Text c="dimmed" size="sm">
            Your identity provider confirmed who you are. One more step.
          </Text>
        </div>
        {error && (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertCircle size={18} />}>
            {error}
          </Alert>
        )}
        <AuthenticationCode value={code} onChange={setCode} readOnly={expired} />
        <Button type="submit" fullWidth loading={busy} size="md" disabled={expired}>
          Sign in
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={onBack} ta="center">
          Back to sign in
        </Anchor>
      </Stack>
    </form>
  );
}
