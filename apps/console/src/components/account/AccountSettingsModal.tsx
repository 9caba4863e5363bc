import { Button, Divider, Modal, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useConsole } from '../../context';
import { FormAlert } from './FormAlert';
import { TwoFactorSetup } from './TwoFactorSetup';
import { useAction } from './useAction';

/** Account settings: the agent's own password and two-factor sign-in. */
export function AccountSettingsModal({ onDone }: { onDone: () => void }) {
  const { api, session } = useConsole();
  const [twoFactorOn, setTwoFactorOn] = useState(session.twoFactor?.enabled ?? false);
  return (
    <Modal opened onClose={onDone} title="Account settings" size="md">
      <Stack gap="lg">
        <ChangePasswordForm />
        <Divider />
        <section aria-labelledby="two-factor-title">
          <Title order={3} fz="sm" id="two-factor-title" mb="xs">
            Two-factor sign-in
          </Title>
          {twoFactorOn ? (
            <TurnOffTwoFactor onOff={() => setTwoFactorOn(false)} />
          ) : (
            <TwoFactorSetup api={api} onDone={() => setTwoFactorOn(true)} />
          )}
        </section>
      </Stack>
    </Modal>
  );
}

function ChangePasswordForm() {
  const { api } = useConsole();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [done, setDone] = useState(false);
  const { error, busy, run } = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    const ok = await run(() => api.changePassword({ currentPassword: current, newPassword: next }));
    if (ok) {
      setDone(true);
      setCurrent('');
      setNext('');
    }
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="password-title">
      <Stack gap="sm">
        <Title order={3} fz="sm" id="password-title">
          Password
        </Title>
        <FormAlert
          error={error}
          done={done ? 'Password changed. Your other sessions are signed out.' : null}
        />
        <PasswordInput
          label="Current password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.currentTarget.value)}
        />
        <PasswordInput
          label="New password"
          description="At least 12 characters, not easy to guess."
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.currentTarget.value)}
        />
        <div>
          <Button type="submit" loading={busy} disabled={!current || !next}>
            Change password
          </Button>
        </div>
      </Stack>
    </form>
  );
}

function TurnOffTwoFactor({ onOff }: { onOff: () => void }) {
  const { api } = useConsole();
  const [password, setPassword] = useState('');
  const { error, busy, run } = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await run(() => api.disableTwoFactor(password))) onOff();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">On: each sign-in also asks for your authenticator app's code.</Text>
        <FormAlert error={error} />
        <PasswordInput
          label="Password"
          description="To turn two-factor sign-in off."
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <div>
          <Button type="submit" variant="default" color="red" loading={busy} disabled={!password}>
            Turn off two-factor sign-in
          </Button>
        </div>
      </Stack>
    </form>
  );
}
