import {
  ActionIcon,
  Badge,
  Button,
  CopyButton,
  Fieldset,
  Group,
  Input,
  PasswordInput,
  Radio,
  Stack,
  Switch,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import type { SsoAccountRule, SsoSettings as Saved, SsoSettingsInput } from '@parley/protocol';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { ssoSettingsApi } from '../../../api/sso';
import { useConsole } from '../../../context';
import { ApiErrorAlert, errorDetails } from '../ApiErrorAlert';
import { SaveBar } from './SaveBar';
import { useSavedDraft } from './useSavedDraft';

interface Draft {
  enabled: boolean;
  displayName: string;
  issuer: string;
  clientId: string;
  /** A new secret to save; empty keeps the saved one. */
  clientSecret: string;
  accountRule: SsoAccountRule;
}

const rules: Array<{ value: SsoAccountRule; label: string; description: string }> = [
  {
    value: 'linked_only',
    label: 'Only agents already linked',
    description: 'A provider account that has not signed in here before is refused.',
  },
  {
    value: 'link_by_email',
    label: 'Link existing agents by verified email',
    description:
      'The first sign-in links the agent with the same email, if the provider has verified it.',
  },
  {
    value: 'create_by_email',
    label: 'Link or create agents by verified email',
    description: 'As above; a verified email without an agent gets a new agent (role Agent).',
  },
];

const toDraft = (s: Saved): Draft => ({
  enabled: s.enabled,
  displayName: s.displayName,
  issuer: s.issuer,
  clientId: s.clientId,
  clientSecret: '',
  accountRule: s.accountRule,
});

interface SectionProps {
  draft: Draft;
  edit: <K extends keyof Draft>(key: K, value: Draft[K]) => void;
  fieldErrors: Readonly<Record<string, string>>;
}

/** Where agents sign in: the provider's address, this client's id and secret. */
function ProviderFields(
  props: SectionProps & { saved: Saved; replacing: boolean; onReplace: () => void },
) {
  const { draft, edit, fieldErrors, saved, replacing } = props;
  return (
    <Fieldset legend="Identity provider (OpenID Connect)">
      <Stack gap="md">
        <Switch
          label="Single sign-on enabled"
          description="The sign-in page offers a button that signs agents in with the provider."
          checked={draft.enabled}
          onChange={(e) => edit('enabled', e.currentTarget.checked)}
        />
        <TextInput
          label="Provider name"
          description={`The button reads “Sign in with ${draft.displayName.trim() || '…'}”.`}
          maxLength={40}
          value={draft.displayName}
          onChange={(e) => edit('displayName', e.currentTarget.value)}
          error={fieldErrors.displayName}
        />
        <TextInput
          label="Issuer URL"
          description="Checked by OpenID discovery (/.well-known/openid-configuration) when you save."
          placeholder="https://login.example.com/realms/support"
          value={draft.issuer}
          onChange={(e) => edit('issuer', e.currentTarget.value)}
          error={fieldErrors.issuer}
        />
        <TextInput
          label="Client ID"
          value={draft.clientId}
          onChange={(e) => edit('clientId', e.currentTarget.value)}
          error={fieldErrors.clientId}
        />
        <SecretField
          saved={saved.clientSecretSet}
          replacing={replacing}
          value={draft.clientSecret}
          error={fieldErrors.clientSecret}
          onReplace={props.onReplace}
          onChange={(v) => edit('clientSecret', v)}
        />
        <RedirectUrl url={saved.redirectUrl} />
      </Stack>
    </Fieldset>
  );
}

/** What happens to a provider account no agent is linked to yet. */
function AccountRuleField({ draft, edit }: SectionProps) {
  return (
    <Fieldset legend="Agents">
      <Radio.Group
        label="Provider accounts not linked to an agent yet"
        value={draft.accountRule}
        onChange={(v) => {
          const rule = rules.find((r) => r.value === v);
          if (rule) edit('accountRule', rule.value);
        }}
      >
        <Stack gap="sm" mt="xs">
          {rules.map((r) => (
            <Radio key={r.value} value={r.value} label={r.label} description={r.description} />
          ))}
        </Stack>
      </Radio.Group>
    </Fieldset>
  );
}

/** Single sign-on with an OpenID Connect provider (admins only: PUT /settings/sso). */
export function SsoSettings() {
  const { session } = useConsole();
  const api = useMemo(() => ssoSettingsApi(session.csrfToken), [session.csrfToken]);
  const load = useCallback(() => api.get(), [api]);
  const { saved, draft, setDraft, store, error, setError } = useSavedDraft(load, toDraft);
  const [replacing, setReplacing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  if (!saved || !draft)
    return error ? <ApiErrorAlert error={error} /> : <Text c="dimmed">Loading…</Text>;

  const changed = JSON.stringify(toDraft(saved)) !== JSON.stringify(draft);
  const edit = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft({ ...draft, [key]: value });
    setDone(false);
  };
  const fieldErrors = errorDetails(error);

  async function save(d: Draft) {
    setBusy(true);
    setError(null);
    const input: SsoSettingsInput = {
      enabled: d.enabled,
      displayName: d.displayName,
      issuer: d.issuer,
      clientId: d.clientId,
      accountRule: d.accountRule,
      ...(d.clientSecret ? { clientSecret: d.clientSecret } : {}),
    };
    try {
      store(await api.save(input));
      setReplacing(false);
      setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save(draft);
      }}
      noValidate
    >
      <Stack gap="lg" maw={760}>
        <ProviderFields
          draft={draft}
          edit={edit}
          fieldErrors={fieldErrors}
          saved={saved}
          replacing={replacing}
          onReplace={() => setReplacing(true)}
        />
        <AccountRuleField draft={draft} edit={edit} fieldErrors={fieldErrors} />
        <SaveBar
          error={error}
          onDismiss={() => setError(null)}
          busy={busy}
          changed={changed}
          done={done}
          onDiscard={() => {
            setDraft(toDraft(saved));
            setReplacing(false);
            setError(null);
          }}
        />
      </Stack>
    </form>
  );
}

/** Write-only: once saved, only "saved" shows; a new one may replace it. */
function SecretField(props: {
  saved: boolean;
  replacing: boolean;
  value: string;
  error: string | undefined;
  onReplace: () => void;
  onChange: (value: string) => void;
}) {
  if (props.saved && !props.replacing) {
    return (
      <Input.Wrapper label="Client secret">
        <Group gap="sm" mt={4}>
          <Badge color="green" variant="light" leftSection={<IconCheck size={12} aria-hidden />}>
            Saved
          </Badge>
          <Text size="xs" c="dimmed">
            Never shown again.
          </Text>
          <Button size="compact-sm" variant="default" onClick={props.onReplace}>
            Replace secret
          </Button>
        </Group>
      </Input.Wrapper>
    );
  }
  return (
    <PasswordInput
      label="Client secret"
      description={
        props.saved
          ? 'Saving replaces the saved secret.'
          : 'Stored on the server, never shown again.'
      }
      autoComplete="new-password"
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={props.error}
    />
  );
}

/** What to register at the provider as the redirect (callback) URL. */
function RedirectUrl({ url }: { url: string }) {
  return (
    <TextInput
      label="Redirect URL"
      description="Register this at the provider as the client's redirect URI."
      value={url}
      readOnly
      onFocus={(e) => e.currentTarget.select()}
      rightSection={
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
              <ActionIcon
                variant="subtle"
                color={copied ? 'teal' : 'gray'}
                onClick={copy}
                aria-label="Copy redirect URL"
              >
                {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      }
    />
  );
}
