import {
  ActionIcon,
  Button,
  Group,
  Input,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import type { SiteSummary, WidgetLanguage } from '@parley/protocol';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useConsole } from '../../../context';
import { ApiErrorAlert, errorDetails } from '../ApiErrorAlert';
import { languageOptions, originErrors, originsBody, siteSettingsPatch } from './siteForm';
import { SavedMark } from './SavedMark';

const isLanguage = (v: string | null): v is WidgetLanguage =>
  languageOptions.some((o) => o.value === v && v !== 'browser');

interface SiteFormProps {
  site: SiteSummary;
  canEdit: boolean;
  onSaved: (site: SiteSummary) => void;
}

/** The widget's language, who may identify visitors, and where the widget may run. */
export function SiteWidgetForm({ site, canEdit, onSaved }: SiteFormProps) {
  const { api } = useConsole();
  const saved = site.settings;
  const [language, setLanguage] = useState<WidgetLanguage | null>(saved.language);
  const [requireVerified, setRequireVerified] = useState(saved.requireVerifiedIdentity);
  const [origins, setOrigins] = useState<string[]>(saved.allowedOrigins);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const patch = siteSettingsPatch(saved, {
    language,
    requireVerifiedIdentity: requireVerified,
    origins,
  });
  const changed = Object.keys(patch).length > 0;
  const originProblems = originErrors(fieldErrors);
  const id = `site-${site.id}`;

  const touched = () => {
    setDone(false);
    setFieldErrors({});
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    // Send the list as shown, so the server's "allowedOrigins.2" points at the third line.
    const body = originsBody(origins);
    setOrigins(body);
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      onSaved(await api.updateSite(site.id, patch));
      setDone(true);
    } catch (err) {
      const details = errorDetails(err);
      setFieldErrors({ ...details });
      // The general alert only for what cannot be shown next to its own field.
      const known = (k: string) =>
        k === 'language' || k === 'requireVerifiedIdentity' || k.startsWith('allowedOrigins');
      const keys = Object.keys(details);
      setError(keys.length > 0 && keys.every(known) ? null : err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={save} noValidate aria-labelledby={`${id}-widget`}>
      <Text component="h3" size="sm" fw={700} id={`${id}-widget`} mb={8}>
        Widget
      </Text>
      <Stack gap="md">
        <Group align="flex-start" gap="xl" wrap="wrap">
          <Select
            label="Language"
            description="The widget's language for every visitor of this site."
            data={languageOptions.map((o) => ({ value: o.value, label: o.label }))}
            value={language ?? 'browser'}
            onChange={(v) => {
              setLanguage(isLanguage(v) ? v : null);
              touched();
            }}
            allowDeselect={false}
            disabled={!canEdit}
            error={fieldErrors.language}
            w={260}
          />
          <Switch
            mt={26}
            maw={360}
            label="Require verified identity"
            description="Names and emails from identify() count only when signed with the identity secret; unsigned ones are refused."
            checked={requireVerified}
            onChange={(e) => {
              setRequireVerified(e.currentTarget.checked);
              touched();
            }}
            disabled={!canEdit}
            error={fieldErrors.requireVerifiedIdentity}
          />
        </Group>

        <div role="group" aria-labelledby={`${id}-origins`}>
          <Input.Label id={`${id}-origins`}>Allowed origins</Input.Label>
          <Input.Description mb={6}>
            Where the widget may run, and the only pages agents can send visitors to with “Send to
            page”. One origin each, such as https://shop.example.
          </Input.Description>
          <Stack gap={6}>
            {origins.length === 0 && (
              <Text size="sm" c="dimmed">
                No origins yet.
              </Text>
            )}
            {origins.map((origin, i) => (
              <Group key={i} gap={6} wrap="nowrap" align="flex-start">
                <TextInput
                  aria-label={`Allowed origin ${i + 1}`}
                  placeholder="https://shop.example"
                  value={origin}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setOrigins((list) => list.map((o, j) => (j === i ? value : o)));
                    touched();
                  }}
                  error={originProblems.byIndex[i]}
                  readOnly={!canEdit}
                  style={{ flex: 1, maxWidth: 420 }}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                />
                {canEdit && (
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    size="lg"
                    aria-label={`Remove ${origin || `origin ${i + 1}`}`}
                    onClick={() => {
                      setOrigins((list) => list.filter((_, j) => j !== i));
                      touched();
                    }}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                )}
              </Group>
            ))}
            {originProblems.list && (
              <Text size="xs" c="red.7" role="alert">
                {originProblems.list}
              </Text>
            )}
            {canEdit && (
              <div>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() => {
                    setOrigins((list) => [...list, '']);
                    touched();
                  }}
                >
                  Add origin
                </Button>
              </div>
            )}
          </Stack>
        </div>

        {error ? <ApiErrorAlert error={error} onClose={() => setError(null)} /> : null}
        {canEdit && (
          <Group gap="sm">
            <Button type="submit" size="compact-md" loading={busy} disabled={!changed}>
              Save widget settings
            </Button>
            {changed && (
              <Button
                size="compact-md"
                variant="default"
                disabled={busy}
                onClick={() => {
                  setLanguage(saved.language);
                  setRequireVerified(saved.requireVerifiedIdentity);
                  setOrigins(saved.allowedOrigins);
                  touched();
                  setError(null);
                }}
              >
                Discard
              </Button>
            )}
            {done && !changed && <SavedMark />}
          </Group>
        )}
      </Stack>
    </form>
  );
}
