import { Fieldset, NumberInput, SimpleGrid, Stack, Switch, Text, Textarea } from '@mantine/core';
import type { OrgSettings, OrgSettingsPatch } from '@parley/protocol';
import { useCallback, useState } from 'react';
import { useConsole } from '../../../context';
import { ApiErrorAlert, errorDetails } from '../ApiErrorAlert';
import type { numberFields } from './settingsForm';
import { settingsBody, settingsPatch, toDraft, type SettingsDraft } from './settingsForm';
import { SaveBar } from './SaveBar';
import { useSavedDraft } from './useSavedDraft';

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
  ticketRetentionDays: {
    label: 'Keep solved tickets (days)',
    description:
      'Solved and closed tickets, with their files, go this long after their last change. 0 keeps them.',
    min: 0,
    max: 3650,
  },
};

type BooleanField = 'chatEnabled' | 'showAgentPhoto' | 'allowAnyFileType' | 'sneakPeek';

interface FieldProps {
  draft: SettingsDraft;
  errors: Record<string, string>;
  edit: <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => void;
  canEdit: boolean;
}

/** The organisation-wide switches and limits (PATCH /settings with only what changed). */
export function GeneralSettings({ canEdit }: { canEdit: boolean }) {
  const form = useSettingsForm();
  const { saved, draft, error } = form;
  if (!saved || !draft) {
    return error ? <ApiErrorAlert error={error} /> : <Text c="dimmed">Loading…</Text>;
  }
  const { patch, errors: localErrors } = settingsPatch(saved, draft);
  const changed = Object.keys(patch).length > 0;
  const fields: FieldProps = { draft, errors: form.fieldErrors, edit: form.edit, canEdit };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void form.save(saved, patch, localErrors);
      }}
      noValidate
    >
      <Stack gap="lg" maw={760}>
        <ChatFields {...fields} />
        <FileAndPrivacyFields {...fields} />
        <SaveBar
          error={error}
          onDismiss={() => form.setError(null)}
          busy={form.busy}
          changed={changed}
          done={form.done}
          canEdit={canEdit}
          onDiscard={() => form.discard(saved)}
        />
      </Stack>
    </form>
  );
}

/** The settings as loaded and as edited, and saving them. */
function useSettingsForm() {
  const { api, client } = useConsole();
  const load = useCallback(() => api.getSettings(), [api]);
  const { saved, draft, setDraft, store, error, setError } = useSavedDraft(load, toDraft);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const edit = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => {
    setDraft((d) => d && { ...d, [key]: value });
    setDone(false);
    if (fieldErrors[key]) {
      const rest = { ...fieldErrors };
      delete rest[key];
      setFieldErrors(rest);
    }
  };

  async function save(
    from: OrgSettings,
    patch: OrgSettingsPatch,
    localErrors: Record<string, string>,
  ) {
    if (Object.keys(localErrors).length > 0) {
      setFieldErrors(localErrors);
      return;
    }
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const next = await api.patchSettings(settingsBody(from, patch));
      store(next);
      client.setSettings(next);
      setDone(true);
    } catch (err) {
      setError(err);
      setFieldErrors({ ...errorDetails(err) });
    } finally {
      setBusy(false);
    }
  }

  function discard(to: OrgSettings) {
    setDraft(toDraft(to));
    setFieldErrors({});
    setError(null);
  }

  return { saved, draft, error, setError, fieldErrors, busy, done, edit, save, discard };
}

function LimitInput({ field, draft, errors, edit, canEdit }: FieldProps & { field: NumberField }) {
  const meta = numberMeta[field];
  return (
    <NumberInput
      label={meta.label}
      description={meta.description}
      min={meta.min}
      max={meta.max}
      allowDecimal={false}
      allowNegative={false}
      value={draft[field]}
      onChange={(v) => edit(field, typeof v === 'number' ? v : v === '' ? '' : Number(v))}
      error={errors[field]}
      readOnly={!canEdit}
      hideControls={!canEdit}
    />
  );
}

function SettingSwitch(
  props: FieldProps & { field: BooleanField; label: string; description: string; mt?: string },
) {
  const { field, draft } = props;
  return (
    <Switch
      mt={props.mt}
      label={props.label}
      description={props.description}
      checked={draft[field] ?? true}
      onChange={(e) => props.edit(field, e.currentTarget.checked)}
      error={props.errors[field]}
      disabled={!props.canEdit}
    />
  );
}

function Limits(props: FieldProps & { fields: readonly NumberField[]; mt?: string }) {
  const { fields, mt, ...p } = props;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md" mt={mt}>
      {fields.map((field) => (
        <LimitInput key={field} field={field} {...p} />
      ))}
    </SimpleGrid>
  );
}

/** Whether the chat is on, how the widget looks, and how chats reach agents. */
function ChatFields(p: FieldProps) {
  return (
    <>
      <Fieldset legend="Chat">
        <SettingSwitch
          {...p}
          field="chatEnabled"
          label="Chat enabled"
          description="Off hides the chat widget on every site; visitors can still leave a message."
        />
      </Fieldset>
      <Fieldset legend="Widget">
        <SettingSwitch
          {...p}
          field="showAgentPhoto"
          label="Show agent photo"
          description="The chat window's header shows the photo of the agent answering (set under your account menu, Profile photo)."
        />
      </Fieldset>
      <Fieldset legend="Routing">
        <Limits {...p} fields={['maxChatsPerAgent', 'offerTimeoutSeconds', 'maxWaitSeconds']} />
      </Fieldset>
      <Fieldset legend="Agents">
        <Limits {...p} fields={['autoAwayMinutes', 'offlineGraceSeconds']} />
      </Fieldset>
    </>
  );
}

/** Files and how long things are kept, sneak peek, and the greeting agents send. */
function FileAndPrivacyFields(p: FieldProps) {
  const { draft } = p;
  return (
    <>
      <Fieldset legend="Files">
        <Limits {...p} fields={['maxFileMb', 'fileRetentionDays']} />
        <Limits {...p} fields={['navigationRetentionDays', 'ticketRetentionDays']} mt="md" />
        <SettingSwitch
          {...p}
          mt="md"
          field="allowAnyFileType"
          label="Allow any file type"
          description="Off: text, PDF and images only. On: any file (never shown inline, always downloaded)."
        />
      </Fieldset>
      <Fieldset legend="Privacy">
        <SettingSwitch
          {...p}
          field="sneakPeek"
          label="Sneak peek"
          description="Agents see what the visitor is typing before they send it. Never stored."
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
          onChange={(e) => p.edit('autoGreeting', e.currentTarget.value)}
          error={p.errors.autoGreeting}
          readOnly={!p.canEdit}
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
    </>
  );
}
