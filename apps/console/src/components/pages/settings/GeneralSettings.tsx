import {
  Button,
  Fieldset,
  Group,
  NumberInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
} from '@mantine/core';
import type { OrgSettings } from '@parley/protocol';
import { useEffect, useState, type FormEvent } from 'react';
import { useConsole } from '../../../context';
import { ApiErrorAlert, errorDetails } from '../ApiErrorAlert';
import type { numberFields } from './settingsForm';
import { settingsBody, settingsPatch, toDraft, type SettingsDraft } from './settingsForm';
import { SavedMark } from './SavedMark';

type NumberField = (typeof numberFields)[number];

const numberMeta: Record<
  NumberField,
  { label: string; description: string; min: number; max: number; suffix?: string }
> = {
  maxChatsPerAgent: {
    label: 'Max chats per agent',
    description: 'Simultaneous chats, unless an agent has their own limit.',
    min: 1,
    max: 50,
  },
  offerTimeoutSeconds: {
    label: 'Offer timeout (s)',
    description: 'An offer nobody answers in this time goes to the next agent.',
    min: 5,
    max: 600,
  },
  maxWaitSeconds: {
    label: 'Max wait before the message form (s)',
    description: 'After waiting this long with nobody free, the visitor may leave a message.',
    min: 30,
    max: 3600,
  },
  autoAwayMinutes: {
    label: 'Auto-away (minutes)',
    description: 'Idle agents are set Away after this long; 0 turns it off.',
    min: 0,
    max: 480,
  },
  offlineGraceSeconds: {
    label: 'Offline grace (s)',
    description: 'How long a disconnected agent keeps their status before going Offline.',
    min: 5,
    max: 600,
  },
  maxFileMb: {
    label: 'Largest file (MB)',
    description: 'Per file, for visitors and agents alike (1 to 100).',
    min: 1,
    max: 100,
  },
  fileRetentionDays: {
    label: 'Keep files (days after close)',
    description: '0 removes a chat’s files as soon as the chat closes.',
    min: 0,
    max: 3650,
  },
  navigationRetentionDays: {
    label: 'Keep visitors’ page views (days)',
    description: 'Navigation shown on the Visitors page and in chats (1 to 3650).',
    min: 1,
    max: 3650,
  },
};

/** The organisation-wide switches and limits (PATCH /settings with only what changed). */
export function GeneralSettings({ canEdit }: { canEdit: boolean }) {
  const { api, client } = useConsole();
  const [saved, setSaved] = useState<OrgSettings | null>(null);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api.getSettings().then(
      (s) => {
        if (cancelled) return;
        setSaved(s);
        setDraft(toDraft(s));
      },
      (err: unknown) => !cancelled && setError(err),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  if (!saved || !draft) {
    return error ? <ApiErrorAlert error={error} /> : <Text c="dimmed">Loading…</Text>;
  }

  const { patch, errors: localErrors } = settingsPatch(saved, draft);
  const changed = Object.keys(patch).length > 0;
  const edit = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => {
    setDraft({ ...draft, [key]: value });
    setDone(false);
    if (fieldErrors[key]) {
      const rest = { ...fieldErrors };
      delete rest[key];
      setFieldErrors(rest);
    }
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!saved) return;
    if (Object.keys(localErrors).length > 0) {
      setFieldErrors(localErrors);
      return;
    }
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const next = await api.patchSettings(settingsBody(saved, patch));
      setSaved(next);
      setDraft(toDraft(next));
      client.setSettings(next);
      setDone(true);
    } catch (err) {
      setError(err);
      setFieldErrors({ ...errorDetails(err) });
    } finally {
      setBusy(false);
    }
  }

  const numberInput = (key: NumberField) => {
    const meta = numberMeta[key];
    return (
      <NumberInput
        key={key}
        label={meta.label}
        description={meta.description}
        min={meta.min}
        max={meta.max}
        allowDecimal={false}
        allowNegative={false}
        value={draft[key]}
        onChange={(v) => edit(key, typeof v === 'number' ? v : v === '' ? '' : Number(v))}
        error={fieldErrors[key]}
        readOnly={!canEdit}
        hideControls={!canEdit}
      />
    );
  };

  return (
    <form onSubmit={save} noValidate>
      <Stack gap="lg" maw={760}>
        <Fieldset legend="Chat">
          <Switch
            label="Chat enabled"
            description="Off hides the chat widget on every site; visitors can still leave a message."
            checked={draft.chatEnabled}
            onChange={(e) => edit('chatEnabled', e.currentTarget.checked)}
            error={fieldErrors.chatEnabled}
            disabled={!canEdit}
          />
        </Fieldset>
        <Fieldset legend="Widget">
          <Switch
            label="Show agent photo"
            description="The chat window's header shows the photo of the agent answering (set under your account menu, Profile photo)."
            checked={draft.showAgentPhoto ?? true}
            onChange={(e) => edit('showAgentPhoto', e.currentTarget.checked)}
            error={fieldErrors.showAgentPhoto}
            disabled={!canEdit}
          />
        </Fieldset>
        <Fieldset legend="Routing">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
            {numberInput('maxChatsPerAgent')}
            {numberInput('offerTimeoutSeconds')}
            {numberInput('maxWaitSeconds')}
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Agents">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
            {numberInput('autoAwayMinutes')}
            {numberInput('offlineGraceSeconds')}
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Files">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
            {numberInput('maxFileMb')}
            {numberInput('fileRetentionDays')}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md" mt="md">
            {numberInput('navigationRetentionDays')}
          </SimpleGrid>
          <Switch
            mt="md"
            label="Allow any file type"
            description="Off: text, PDF and images only. On: any file (never shown inline, always downloaded)."
            checked={draft.allowAnyFileType}
            onChange={(e) => edit('allowAnyFileType', e.currentTarget.checked)}
            error={fieldErrors.allowAnyFileType}
            disabled={!canEdit}
          />
        </Fieldset>
        <Fieldset legend="Privacy">
          <Switch
            label="Sneak peek"
            description="Agents see what the visitor is typing before they send it. Never stored."
            checked={draft.sneakPeek}
            onChange={(e) => edit('sneakPeek', e.currentTarget.checked)}
            error={fieldErrors.sneakPeek}
            disabled={!canEdit}
          />
        </Fieldset>
        <Fieldset legend="Greeting">
          <Textarea
            label="Auto-greeting"
            description="Sent for the agent when they accept a chat; leave empty for none. {visitor} and {agent} are replaced by the names."
            placeholder="Hi {visitor}, I'm {agent}. How can I help?"
            autosize
            minRows={2}
            maxRows={6}
            maxLength={1000}
            value={draft.autoGreeting}
            onChange={(e) => edit('autoGreeting', e.currentTarget.value)}
            error={fieldErrors.autoGreeting}
            readOnly={!canEdit}
          />
          {draft.autoGreeting.trim() && (
            <Text size="xs" c="dimmed" mt={6}>
              Preview:{' '}
              <Text span size="xs" c="gray.8" fs="italic">
                {draft.autoGreeting.replaceAll('{visitor}', 'Maria').replaceAll('{agent}', 'Ana')}
              </Text>
            </Text>
          )}
        </Fieldset>
        {error ? <ApiErrorAlert error={error} onClose={() => setError(null)} /> : null}
        {canEdit && (
          <Group gap="sm">
            <Button type="submit" loading={busy} disabled={!changed}>
              Save changes
            </Button>
            <Button
              variant="default"
              disabled={!changed || busy}
              onClick={() => {
                setDraft(toDraft(saved));
                setFieldErrors({});
                setError(null);
              }}
            >
              Discard
            </Button>
            {done && !changed && <SavedMark />}
          </Group>
        )}
      </Stack>
    </form>
  );
}
