import {
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import type { CannedResponse, CannedScope, Department } from '@parley/protocol';
import { useState, type FormEvent } from 'react';
import { useConsole } from '../../context';
import { ApiErrorAlert, errorDetails } from './ApiErrorAlert';

interface ReplyFormProps {
  initial: CannedResponse | null;
  supervisor: boolean;
  departments: Department[];
  onDone: (r: CannedResponse) => void;
  onCancel: () => void;
}

/** A saved reply, new or edited: who may use it, its title and shortcut, and its text. */
export function ReplyForm({ initial, supervisor, departments, onDone, onCancel }: ReplyFormProps) {
  const { api } = useConsole();
  const [scope, setScope] = useState<CannedScope>(initial?.scope ?? 'personal');
  const [departmentId, setDepartmentId] = useState<string | null>(initial?.departmentId ?? null);
  const [title, setTitle] = useState(initial?.title ?? '');
  const [shortcut, setShortcut] = useState(initial?.shortcut ?? '');
  const [body, setBody] = useState(initial?.body ?? '');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const details = errorDetails(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const input = {
      scope,
      departmentId: scope === 'department' ? departmentId : null,
      title: title.trim(),
      shortcut: shortcut.trim().replace(/^\//, '') || null,
      body,
    };
    try {
      onDone(initial ? await api.updateCanned(initial.id, input) : await api.createCanned(input));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ScopeFields
          supervisor={supervisor}
          scope={scope}
          onScope={setScope}
          departments={departments}
          departmentId={departmentId}
          onDepartment={setDepartmentId}
          error={details.departmentId}
        />
        <TitleAndShortcut
          title={title}
          onTitle={setTitle}
          shortcut={shortcut}
          onShortcut={setShortcut}
          errors={details}
        />
        <Textarea
          label="Text"
          description="{visitor}, {agent} and {department} are replaced when the reply is used."
          placeholder="Hi {visitor}, you can return any item within 30 days…"
          autosize
          minRows={4}
          maxRows={12}
          maxLength={5000}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          error={details.body}
          required
        />
        {/* Field problems show on their fields; the alert is for everything else. */}
        {error && Object.keys(details).length === 0 ? <ApiErrorAlert error={error} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            {initial ? 'Save' : 'Create'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface ScopeProps {
  supervisor: boolean;
  scope: CannedScope;
  onScope: (s: CannedScope) => void;
  departments: Department[];
  departmentId: string | null;
  onDepartment: (id: string | null) => void;
  error?: string;
}

/** Supervisors share replies with a department or everyone; agents keep their own. */
function ScopeFields({ supervisor, scope, departments, ...p }: ScopeProps) {
  return (
    <>
      {supervisor && (
        <div>
          <Text size="sm" fw={500} mb={4} id="reply-scope">
            Who can use it
          </Text>
          <SegmentedControl
            aria-labelledby="reply-scope"
            value={scope}
            onChange={(v) => p.onScope(v as CannedScope)}
            data={[
              { value: 'personal', label: 'Only me' },
              { value: 'department', label: 'A department' },
              { value: 'organisation', label: 'Everyone' },
            ]}
          />
        </div>
      )}
      {scope === 'department' && (
        <Select
          label="Department"
          placeholder="Pick a department"
          data={departments.map((d) => ({ value: d.id, label: d.name }))}
          value={p.departmentId}
          onChange={p.onDepartment}
          error={p.error}
          required
        />
      )}
    </>
  );
}

interface TitleProps {
  title: string;
  onTitle: (v: string) => void;
  shortcut: string;
  onShortcut: (v: string) => void;
  errors: Readonly<Record<string, string>>;
}

function TitleAndShortcut({ title, onTitle, shortcut, onShortcut, errors }: TitleProps) {
  return (
    <Group grow align="flex-start">
      <TextInput
        label="Title"
        placeholder="Refund policy"
        value={title}
        onChange={(e) => onTitle(e.currentTarget.value)}
        maxLength={100}
        error={errors.title}
        required
        data-autofocus
      />
      <TextInput
        label="Shortcut"
        description="Typed after / in the composer"
        placeholder="refund"
        leftSection={
          <Text size="sm" c="dimmed">
            /
          </Text>
        }
        value={shortcut}
        onChange={(e) => onShortcut(e.currentTarget.value)}
        maxLength={30}
        error={errors.shortcut}
      />
    </Group>
  );
}
