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
import { errorDetails } from '../ApiErrorAlert';
import { languageOptions, originErrors, originsBody, siteSettingsPatch } from './siteForm';
import { SaveBar } from './SaveBar';

const isLanguage = (v: string | null): v is WidgetLanguage =>
  languageOptions.some((o) => o.value === v && v !== 'browser');

interface SiteFormProps {
  site: SiteSummary;
  canEdit: boolean;
  onSaved: (site: SiteSummary) => void;
}

/** The widget's language, who may identify visitors, and where the widget may run. */
export function SiteWidgetForm({ site, canEdit, onSaved }: SiteFormProps) {
  const form = useSiteWidgetForm(site, onSaved);
  const { draft, set, errors } = form;
  const id = `site-${site.id}`;
  return (
    <form onSubmit={form.save} noValidate aria-labelledby={`${id}-widget`}>
      <Text component="h3" size="sm" fw={700} id={`${id}-widget`} mb={8}>
        Widget
      </Text>
      <Stack gap="md">
        <Group align="flex-start" gap="xl" wrap="wrap">
          <Select
            label="Language"
            description="The widget's language for every visitor of this site."
            data={languageOptions.map((o) => ({ value: o.value, label: o.label }))}
            value={draft.language ?? 'browser'}
            onChange={(v) => set({ language: isLanguage(v) ? v : null })}
            allowDeselect={false}
            disabled={!canEdit}
            error={errors.language}
            w={260}
          />
          <Switch
            mt={26}
            maw={360}
            label="Require verified identity"
            description="Names and emails from identify() count only when signed with the identity secret; unsigned ones are refused."
            checked={draft.requireVerifiedIdentity}
            onChange={(e) => set({ requireVerifiedIdentity: e.currentTarget.checked })}
            disabled={!canEdit}
            error={errors.requireVerifiedIdentity}
          />
        </Group>

        <OriginsEditor
          id={`${id}-origins`}
          origins={draft.origins}
          onChange={(origins) => set({ origins })}
          problems={originErrors(errors)}
          canEdit={canEdit}
        />

        <SaveBar
          error={form.error}
          onDismiss={() => form.setError(null)}
          busy={form.busy}
          changed={form.changed}
          done={form.done}
          canEdit={canEdit}
          label="Save widget settings"
          compact
          onDiscard={form.discard}
        />
      </Stack>
    </form>
  );
}

interface WidgetDraft {
  language: WidgetLanguage | null;
  requireVerifiedIdentity: boolean;
  origins: string[];
}

/** The site's widget settings as edited, and saving what changed. */
function useSiteWidgetForm(site: SiteSummary, onSaved: (site: SiteSummary) => void) {
  const { api } = useConsole();
  const saved = site.settings;
  const initial = (): WidgetDraft => ({
    language: saved.language,
    requireVerifiedIdentity: saved.requireVerifiedIdentity,
    origins: saved.allowedOrigins,
  });
  const [draft, setDraft] = useState<WidgetDraft>(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const patch = siteSettingsPatch(saved, draft);

  /** Any edit: the saved mark and the field problems of the last save go. */
  function set(change: Partial<WidgetDraft>) {
    setDraft((d) => ({ ...d, ...change }));
    setDone(false);
    setErrors({});
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    // Send the list as shown, so the server's "allowedOrigins.2" points at the third line.
    setDraft((d) => ({ ...d, origins: originsBody(d.origins) }));
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      onSaved(await api.updateSite(site.id, patch));
      setDone(true);
    } catch (err) {
      const details = errorDetails(err);
      setErrors({ ...details });
      // The general alert only for what cannot be shown next to its own field.
      const known = (k: string) =>
        k === 'language' || k === 'requireVerifiedIdentity' || k.startsWith('allowedOrigins');
      const keys = Object.keys(details);
      setError(keys.length > 0 && keys.every(known) ? null : err);
    } finally {
      setBusy(false);
    }
  }

  function discard() {
    setDraft(initial());
    setDone(false);
    setErrors({});
    setError(null);
  }

  const changed = Object.keys(patch).length > 0;
  return { draft, set, errors, error, setError, busy, done, changed, save, discard };
}

interface OriginsProps {
  id: string;
  origins: string[];
  onChange: (origins: string[]) => void;
  problems: ReturnType<typeof originErrors>;
  canEdit: boolean;
}

/** The origins the widget may run on, one per line, each with its own problem. */
function OriginsEditor({ id, origins, onChange, problems, canEdit }: OriginsProps) {
  return (
    <div role="group" aria-labelledby={id}>
      <Input.Label id={id}>Allowed origins</Input.Label>
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
                onChange(origins.map((o, j) => (j === i ? value : o)));
              }}
              error={problems.byIndex[i]}
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
                onClick={() => onChange(origins.filter((_, j) => j !== i))}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            )}
          </Group>
        ))}
        {problems.list && (
          <Text size="xs" c="red.7" role="alert">
            {problems.list}
          </Text>
        )}
        {canEdit && (
          <div>
            <Button
              size="compact-sm"
              variant="subtle"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => onChange([...origins, ''])}
            >
              Add origin
            </Button>
          </div>
        )}
      </Stack>
    </div>
  );
}
