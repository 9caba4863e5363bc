import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  Image,
  List,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { TwoFactorSetupResponse } from '@parley/protocol';
import { useState, type FormEvent } from 'react';
import type { ConsoleApi } from '../../api/admin';
import { FormAlert } from './FormAlert';
import { useAction } from './useAction';

type Step =
  | { kind: 'start' }
  | { kind: 'scan'; setup: TwoFactorSetupResponse }
  | { kind: 'codes'; codes: string[] };

/**
 * Two-factor enrolment: a QR code (or the secret typed in) for an authenticator app, the
 * first code it shows to turn it on, then ten recovery codes shown once.
 */
export function TwoFactorSetup({ api, onDone }: { api: ConsoleApi; onDone: () => void }) {
  const [step, setStep] = useState<Step>({ kind: 'start' });
  const { error, busy, run } = useAction();

  return (
    <Stack gap="sm">
      <FormAlert error={error} />
      {step.kind === 'start' && (
        <Group>
          <Button
            loading={busy}
            onClick={() =>
              run(async () => setStep({ kind: 'scan', setup: await api.startTwoFactor() }))
            }
          >
            Set up two-factor sign-in
          </Button>
        </Group>
      )}
      {step.kind === 'scan' && (
        <ScanStep
          setup={step.setup}
          busy={busy}
          onCode={(code) =>
            run(async () =>
              setStep({ kind: 'codes', codes: (await api.enableTwoFactor(code)).recoveryCodes }),
            )
          }
        />
      )}
      {step.kind === 'codes' && <RecoveryCodes codes={step.codes} onDone={onDone} />}
    </Stack>
  );
}

function ScanStep(props: {
  setup: TwoFactorSetupResponse;
  busy: boolean;
  onCode: (c: string) => void;
}) {
  const [code, setCode] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onCode(code.trim());
  };
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(props.setup.qrSvg)}`;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Text size="sm">
          Scan this code with an authenticator app (Google Authenticator, 1Password, Authy...), then
          enter the 6 digits it shows.
        </Text>
        <Image src={qr} alt="QR code for your authenticator app" w={200} h={200} />
        <Text size="xs" c="dimmed">
          Cannot scan? Type this key into the app: <Code>{props.setup.secret}</Code>
        </Text>
        <TextInput
          label="Authentication code"
          autoComplete="one-time-code"
          inputMode="numeric"
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          w={220}
        />
        <Group>
          <Button type="submit" loading={props.busy} disabled={!/^\d{6}$/.test(code.trim())}>
            Turn on
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <Stack gap="sm">
      <Alert color="green" variant="light" role="status">
        Two-factor sign-in is on. Keep these recovery codes somewhere safe: each signs you in once
        if your phone is lost. They are not shown again.
      </Alert>
      <List size="sm" ff="monospace" aria-label="Recovery codes">
        {codes.map((c) => (
          <List.Item key={c}>{c}</List.Item>
        ))}
      </List>
      <Group>
        <CopyButton value={codes.join('\n')}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? 'Copied' : 'Copy codes'}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}
