import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import type { CannedResponse, CannedScope, Department } from '@parley/protocol';
import { IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { canEditCanned, groupCanned, scopeLabels, searchCanned } from '../../client/canned/canned';
import { isSupervisor } from '../../client/conversations/conversations';
import { useCanned, useConsole, useConsoleState } from '../../context';
import { ApiErrorAlert, errorDetails } from './ApiErrorAlert';
import classes from './Page.module.css';
import replies from './RepliesPage.module.css';

type Editing = { kind: 'new' } | { kind: 'edit'; response: CannedResponse } | null;

/** Saved replies: agents keep their own; supervisors also the department and organisation ones. */
export default function RepliesPage() {
  const { api } = useConsole();
  const { me } = useConsoleState();
  const { responses, status, error, store } = useCanned();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [deleting, setDeleting] = useState<CannedResponse | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const supervisor = isSupervisor(me);

  useEffect(() => {
    void store.reload();
  }, [store]);
  useEffect(() => {
    let cancelled = false;
    api.listDepartments().then(
      (d) => !cancelled && setDepartments(d),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  const groups = useMemo(() => groupCanned(searchCanned(responses, query)), [responses, query]);
  const deptName = (id: string | null) =>
    departments.find((d) => d.id === id)?.name ?? 'Department';

  async function remove(r: CannedResponse) {
    setActionError(null);
    try {
      await api.deleteCanned(r.id);
      store.removeLocal(r.id);
      setDeleting(null);
    } catch (err) {
      setActionError(err);
    }
  }

  return (
    <section className={classes.page} aria-labelledby="replies-title">
      <div className={classes.inner}>
        <Group justify="space-between" align="flex-end" mb="md" wrap="wrap">
          <div>
            <Title order={1} fz="h3" id="replies-title">
              Replies
            </Title>
            <Text size="sm" c="dimmed">
              Saved replies for the chat composer: pick them with the canned responses button or
              type / and the shortcut. {'{visitor}'}, {'{agent}'} and {'{department}'} are filled in
              when used.
            </Text>
          </div>
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing({ kind: 'new' })}
          >
            New reply
          </Button>
        </Group>
        <TextInput
          placeholder="Search replies"
          aria-label="Search replies"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          maw={420}
          mb="md"
        />
        {error && <ApiErrorAlert error={new Error(error)} />}
        {actionError ? (
          <ApiErrorAlert error={actionError} onClose={() => setActionError(null)} />
        ) : null}
        {status === 'ready' && responses.length === 0 && (
          <Text c="dimmed" size="sm">
            No saved replies yet. Create the first one with “New reply”.
          </Text>
        )}
        <Stack gap="lg">
          {groups.map((g) => (
            <section key={g.scope} aria-labelledby={`replies-${g.scope}`}>
              <Text component="h2" id={`replies-${g.scope}`} className={replies.groupTitle}>
                {scopeLabels[g.scope]} <span className={replies.count}>{g.items.length}</span>
              </Text>
              <ul className={replies.list}>
                {g.items.map((r) => {
                  const editable = canEditCanned(r, me);
                  return (
                    <li key={r.id} className={replies.row}>
                      <div className={replies.main}>
                        <Group gap={8} wrap="nowrap">
                          <Text fw={600} size="sm" truncate dir="auto">
                            {r.title}
                          </Text>
                          {r.shortcut && (
                            <Badge
                              variant="light"
                              color="indigo"
                              tt="none"
                              size="sm"
                              ff="monospace"
                            >
                              /{r.shortcut}
                            </Badge>
                          )}
                          {r.scope === 'department' && (
                            <Badge variant="outline" color="gray" tt="none" size="sm">
                              {deptName(r.departmentId)}
                            </Badge>
                          )}
                        </Group>
                        <Text size="sm" c="gray.7" className={replies.body} dir="auto">
                          {r.body}
                        </Text>
                      </div>
                      {editable ? (
                        <Group gap={4} wrap="nowrap">
                          <Tooltip label="Edit">
                            <ActionIcon
                              variant="subtle"
                              color="gray"
                              aria-label={`Edit ${r.title}`}
                              onClick={() => setEditing({ kind: 'edit', response: r })}
                            >
                              <IconPencil size={16} />
                            </ActionIcon>
                          </Tooltip>
                          <Tooltip label="Delete">
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              aria-label={`Delete ${r.title}`}
                              onClick={() => setDeleting(r)}
                            >
                              <IconTrash size={16} />
                            </ActionIcon>
                          </Tooltip>
                        </Group>
                      ) : (
                        <Text size="xs" c="dimmed">
                          Shared
                        </Text>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </Stack>
      </div>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.kind === 'edit' ? 'Edit reply' : 'New reply'}
        size="lg"
      >
        {editing && (
          <ReplyForm
            initial={editing.kind === 'edit' ? editing.response : null}
            supervisor={supervisor}
            departments={departments}
            onDone={(r) => {
              store.upsert(r);
              setEditing(null);
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
      <Modal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete reply?"
        size="sm"
      >
        <Text size="sm">
          “{deleting?.title}” will no longer be available
          {deleting?.scope === 'personal' ? ' to you' : ' to anyone'}.
        </Text>
        <Group justify="flex-end" mt="md" gap="sm">
          <Button variant="default" onClick={() => setDeleting(null)}>
            Cancel
          </Button>
          <Button color="red" onClick={() => deleting && void remove(deleting)}>
            Delete
          </Button>
        </Group>
      </Modal>
    </section>
  );
}

interface ReplyFormProps {
  initial: CannedResponse | null;
  supervisor: boolean;
  departments: Department[];
  onDone: (r: CannedResponse) => void;
  onCancel: () => void;
}

function ReplyForm({ initial, supervisor, departments, onDone, onCancel }: ReplyFormProps) {
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
        {supervisor && (
          <div>
            <Text size="sm" fw={500} mb={4} id="reply-scope">
              Who can use it
            </Text>
            <SegmentedControl
              aria-labelledby="reply-scope"
              value={scope}
              onChange={(v) => setScope(v as CannedScope)}
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
            value={departmentId}
            onChange={setDepartmentId}
            error={details.departmentId}
            required
          />
        )}
        <Group grow align="flex-start">
          <TextInput
            label="Title"
            placeholder="Refund policy"
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            maxLength={100}
            error={details.title}
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
            onChange={(e) => setShortcut(e.currentTarget.value)}
            maxLength={30}
            error={details.shortcut}
          />
        </Group>
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
