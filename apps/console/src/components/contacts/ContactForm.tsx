import {
  ActionIcon,
  Button,
  Group,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { contactLimits } from '@parley/protocol/contract';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { errorDetails } from '../pages/ApiErrorAlert';

/** What the form edits; custom fields as rows so an agent can add and rename them. */
export interface ContactDraft {
  name: string;
  emails: string[];
  phones: string[];
  company: string;
  notes: string;
  customFields: Array<{ key: string; value: string }>;
}

export const emptyDraft: ContactDraft = {
  name: '',
  emails: [],
  phones: [],
  company: '',
  notes: '',
  customFields: [],
};

/** The request body of a draft: blank custom rows left out, a blank company cleared. */
export function draftBody(d: ContactDraft) {
  return {
    name: d.name,
    emails: d.emails,
    phones: d.phones,
    company: d.company.trim() === '' ? null : d.company,
    notes: d.notes,
    customFields: Object.fromEntries(
      d.customFields.filter((f) => f.key.trim() !== '').map((f) => [f.key.trim(), f.value]),
    ),
  };
}

/** The server's complaint about a field or one of its items (`emails.2`). */
function fieldProblem(error: unknown, key: string): string | undefined {
  const problems = error ? errorDetails(error) : {};
  return Object.entries(problems).find(([k]) => k === key || k.startsWith(`${key}.`))?.[1];
}

interface ContactFormProps {
  initial: ContactDraft;
  submitLabel: string;
  busy: boolean;
  /** The last save's error: its field details are shown next to the fields. */
  error: unknown;
  onSubmit: (draft: ContactDraft) => void;
  onCancel: () => void;
}

/** Name, emails, phones, company, notes and custom fields, within the server's limits. */
export function ContactForm({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
}: ContactFormProps) {
  const [d, setD] = useState(initial);
  const set = <K extends keyof ContactDraft>(key: K, value: ContactDraft[K]) =>
    setD((prev) => ({ ...prev, [key]: value }));
  const problem = (key: string) => fieldProblem(error, key);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(d);
  };
  return (
    <form onSubmit={submit} aria-label="Contact">
      <Stack gap="sm">
        <TextInput
          label="Name"
          required
          maxLength={contactLimits.name}
          value={d.name}
          onChange={(e) => set('name', e.currentTarget.value)}
          error={problem('name')}
          data-autofocus
        />
        <TagsInput
          label="Email addresses"
          description="Press Enter after each"
          maxTags={contactLimits.emails}
          value={d.emails}
          onChange={(v) => set('emails', v)}
          error={problem('emails')}
          splitChars={[',', ' ', ';']}
        />
        <TagsInput
          label="Phone numbers"
          description="Press Enter after each"
          maxTags={contactLimits.phones}
          value={d.phones}
          onChange={(v) => set('phones', v)}
          error={problem('phones')}
          splitChars={[',', ';']}
        />
        <TextInput
          label="Company"
          maxLength={contactLimits.company}
          value={d.company}
          onChange={(e) => set('company', e.currentTarget.value)}
          error={problem('company')}
        />
        <Textarea
          label="Notes"
          autosize
          minRows={2}
          maxRows={8}
          maxLength={contactLimits.notes}
          value={d.notes}
          onChange={(e) => set('notes', e.currentTarget.value)}
          error={problem('notes')}
        />
        <CustomFieldsEditor
          fields={d.customFields}
          onChange={(v) => set('customFields', v)}
          error={problem('customFields')}
        />
        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onCancel} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type Field = ContactDraft['customFields'][number];

/** The agent's own fields as name/value rows, up to the limit. */
function CustomFieldsEditor({
  fields,
  onChange,
  error,
}: {
  fields: Field[];
  onChange: (fields: Field[]) => void;
  error: string | undefined;
}) {
  const setField = (i: number, patch: Partial<Field>) =>
    onChange(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <div>
      <Text size="sm" fw={500} mb={4}>
        Custom fields
      </Text>
      <Stack gap={6}>
        {fields.map((f, i) => (
          <Group key={i} gap={6} wrap="nowrap" align="flex-start">
            <TextInput
              aria-label={`Field ${i + 1} name`}
              placeholder="Field"
              maxLength={contactLimits.customFieldKey}
              value={f.key}
              onChange={(e) => setField(i, { key: e.currentTarget.value })}
              style={{ flex: 2, minWidth: 0 }}
            />
            <TextInput
              aria-label={`Field ${i + 1} value`}
              placeholder="Value"
              maxLength={contactLimits.customFieldValue}
              value={f.value}
              onChange={(e) => setField(i, { value: e.currentTarget.value })}
              style={{ flex: 3, minWidth: 0 }}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={`Remove field ${i + 1}`}
              onClick={() => onChange(fields.filter((_, j) => j !== i))}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ))}
        {error && (
          <Text size="xs" c="red">
            {error}
          </Text>
        )}
        {fields.length < contactLimits.customFields && (
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => onChange([...fields, { key: '', value: '' }])}
            style={{ alignSelf: 'flex-start' }}
          >
            Add field
          </Button>
        )}
      </Stack>
    </div>
  );
}
