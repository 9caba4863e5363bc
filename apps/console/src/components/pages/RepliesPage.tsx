import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import type { CannedResponse, Department } from '@parley/protocol';
import { IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { canEditCanned, groupCanned, scopeLabels, searchCanned } from '../../client/canned/canned';
import { isSupervisor } from '../../client/conversations/conversations';
import { useCanned, useConsole, useConsoleState } from '../../context';
import { ApiErrorAlert } from './ApiErrorAlert';
import classes from './Page.module.css';
import { ReplyForm } from './ReplyForm';
import replies from './RepliesPage.module.css';

type Editing = { kind: 'new' } | { kind: 'edit'; response: CannedResponse } | null;

/** Saved replies: agents keep their own; supervisors also the department and organisation ones. */
export default function RepliesPage() {
  const { api } = useConsole();
  const { responses, status, error, store } = useCanned();
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [deleting, setDeleting] = useState<CannedResponse | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

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
  const onEdit = (r: CannedResponse) => setEditing({ kind: 'edit', response: r });

  return (
    <section className={classes.page} aria-labelledby="replies-title">
      <div className={classes.inner}>
        <RepliesHeader onNew={() => setEditing({ kind: 'new' })} />
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
        <ReplyGroups groups={groups} deptName={deptName} onEdit={onEdit} onDelete={setDeleting} />
      </div>
      <EditReplyModal
        editing={editing}
        departments={departments}
        onDone={(r) => {
          store.upsert(r);
          setEditing(null);
        }}
        onClose={() => setEditing(null)}
      />
      <DeleteReplyModal
        reply={deleting}
        onClose={() => setDeleting(null)}
        onError={setActionError}
      />
    </section>
  );
}

function ReplyGroups(props: {
  groups: ReturnType<typeof groupCanned>;
  deptName: (id: string | null) => string;
  onEdit: (r: CannedResponse) => void;
  onDelete: (r: CannedResponse) => void;
}) {
  const { me } = useConsoleState();
  return (
    <Stack gap="lg">
      {props.groups.map((g) => (
        <section key={g.scope} aria-labelledby={`replies-${g.scope}`}>
          <Text component="h2" id={`replies-${g.scope}`} className={replies.groupTitle}>
            {scopeLabels[g.scope]} <span className={replies.count}>{g.items.length}</span>
          </Text>
          <ul className={replies.list}>
            {g.items.map((r) => (
              <ReplyRow
                key={r.id}
                reply={r}
                editable={canEditCanned(r, me)}
                departmentName={props.deptName(r.departmentId)}
                onEdit={props.onEdit}
                onDelete={props.onDelete}
              />
            ))}
          </ul>
        </section>
      ))}
    </Stack>
  );
}

interface EditReplyProps {
  editing: Editing;
  departments: Department[];
  onDone: (r: CannedResponse) => void;
  onClose: () => void;
}

function EditReplyModal({ editing, departments, onDone, onClose }: EditReplyProps) {
  const { me } = useConsoleState();
  return (
    <Modal
      opened={editing !== null}
      onClose={onClose}
      title={editing?.kind === 'edit' ? 'Edit reply' : 'New reply'}
      size="lg"
    >
      {editing && (
        <ReplyForm
          initial={editing.kind === 'edit' ? editing.response : null}
          supervisor={isSupervisor(me)}
          departments={departments}
          onDone={onDone}
          onCancel={onClose}
        />
      )}
    </Modal>
  );
}

function RepliesHeader({ onNew }: { onNew: () => void }) {
  return (
    <Group justify="space-between" align="flex-end" mb="md" wrap="wrap">
      <div>
        <Title order={1} fz="h3" id="replies-title">
          Replies
        </Title>
        <Text size="sm" c="dimmed">
          Saved replies for the chat composer: pick them with the canned responses button or type /
          and the shortcut. {'{visitor}'}, {'{agent}'} and {'{department}'} are filled in when used.
        </Text>
      </div>
      <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onNew}>
        New reply
      </Button>
    </Group>
  );
}

interface ReplyRowProps {
  reply: CannedResponse;
  editable: boolean;
  departmentName: string;
  onEdit: (r: CannedResponse) => void;
  onDelete: (r: CannedResponse) => void;
}

function ReplyRow({ reply: r, editable, departmentName, onEdit, onDelete }: ReplyRowProps) {
  return (
    <li className={replies.row}>
      <div className={replies.main}>
        <Group gap={8} wrap="nowrap">
          <Text fw={600} size="sm" truncate dir="auto">
            {r.title}
          </Text>
          {r.shortcut && (
            <Badge variant="light" color="indigo" tt="none" size="sm" ff="monospace">
              /{r.shortcut}
            </Badge>
          )}
          {r.scope === 'department' && (
            <Badge variant="outline" color="gray" tt="none" size="sm">
              {departmentName}
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
              onClick={() => onEdit(r)}
            >
              <IconPencil size={16} />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Delete">
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Delete ${r.title}`}
              onClick={() => onDelete(r)}
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
}

interface DeleteProps {
  reply: CannedResponse | null;
  onClose: () => void;
  onError: (err: unknown) => void;
}

function DeleteReplyModal({ reply, onClose, onError }: DeleteProps) {
  const { api } = useConsole();
  const { store } = useCanned();

  async function remove(r: CannedResponse) {
    onError(null);
    try {
      await api.deleteCanned(r.id);
      store.removeLocal(r.id);
      onClose();
    } catch (err) {
      onError(err);
    }
  }

  return (
    <Modal opened={reply !== null} onClose={onClose} title="Delete reply?" size="sm">
      <Text size="sm">
        “{reply?.title}” will no longer be available
        {reply?.scope === 'personal' ? ' to you' : ' to anyone'}.
      </Text>
      <Group justify="flex-end" mt="md" gap="sm">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button color="red" onClick={() => reply && void remove(reply)}>
          Delete
        </Button>
      </Group>
    </Modal>
  );
}
