import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
} from '@mantine/core';
import type { Conversation, Department } from '@parley/protocol';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { myPendingInvitation } from '../../client/conversations/invitations';
import { useConsole, useConsoleState } from '../../context';
import { AgentChoice } from './AgentChoice';

type Target = 'agent' | 'department';

/** Brings a colleague into the chat: a named one, or any available member of a department. */
export default function InviteModal({
  conversation: c,
  onDone,
}: {
  conversation: Conversation;
  onDone: () => void;
}) {
  const { client } = useConsole();
  const state = useConsoleState();
  const { me } = state;
  const [target, setTarget] = useState<Target>('agent');
  const [agentId, setAgentId] = useState<string | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [leave, setLeave] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Refusal | null>(null);

  useEffect(() => void client.refreshTeam(), [client]);

  const ready = target === 'agent' ? Boolean(agentId) : Boolean(departmentId);

  async function submit() {
    if (!ready) return;
    setBusy(true);
    setError(null);
    const result = await client.invite({
      conversationId: c.id,
      ...(target === 'agent' ? { agentId: agentId! } : { departmentId: departmentId! }),
      leave,
    });
    setBusy(false);
    if (result.ok) onDone();
    else {
      const waitingFor = myPendingInvitation(state, c.id)?.invitee.name;
      setError(inviteRefusal(result.code, result.message, waitingFor));
    }
  }

  return (
    <Modal
      opened
      onClose={onDone}
      title="Invite an agent to this chat"
      centered
      radius="lg"
      size="md"
    >
      <Stack gap="md">
        <InviteTarget
          target={target}
          onTarget={setTarget}
          agentId={agentId}
          onAgent={setAgentId}
          departmentId={departmentId}
          onDepartment={setDepartmentId}
          conversation={c}
        />
        <LeaveAfterJoin owner={c.assignee?.id === me.id} checked={leave} onChange={setLeave} />
        {error && <InviteError error={error} />}
        <Text size="xs" c="dimmed">
          They get a card with Join and Decline; you see their answer here.
        </Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button onClick={submit} loading={busy} disabled={!ready}>
            Invite
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

interface TargetProps {
  target: Target;
  onTarget: (t: Target) => void;
  agentId: string | null;
  onAgent: (id: string | null) => void;
  departmentId: string | null;
  onDepartment: (id: string | null) => void;
  conversation: Conversation;
}

/** A named colleague, or a department whose available member the server picks. */
function InviteTarget({ target, onTarget, conversation: c, ...p }: TargetProps) {
  const { api } = useConsole();
  const { me } = useConsoleState();
  // Agents already in the chat.
  const present = useMemo(
    () => [me.id, ...(c.assignee ? [c.assignee.id] : []), ...c.participants.map((p) => p.id)],
    [me.id, c.assignee, c.participants],
  );
  const [departments, setDepartments] = useState<Department[] | null>(null);
  useEffect(() => {
    let cancelled = false;
    api.listDepartments().then(
      (list) => !cancelled && setDepartments(list),
      () => !cancelled && setDepartments([]),
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  return (
    <>
      <SegmentedControl
        fullWidth
        value={target}
        onChange={(v) => onTarget(v as Target)}
        data={[
          { value: 'agent', label: 'A colleague' },
          { value: 'department', label: 'Anyone in a department' },
        ]}
        aria-label="Whom to invite"
      />
      {target === 'agent' ? (
        <AgentChoice label="Colleague" value={p.agentId} onChange={p.onAgent} exclude={present} />
      ) : (
        <Select
          label="Department"
          description="A random available member of it is invited."
          placeholder={departments === null ? 'Loading…' : 'Pick a department'}
          data={(departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
          value={p.departmentId}
          onChange={p.onDepartment}
          nothingFoundMessage="No departments yet"
          comboboxProps={{ withinPortal: true }}
        />
      )}
    </>
  );
}

interface Refusal {
  message: string;
  /** Another invitation for this chat still waits for its answer. */
  pending: boolean;
}

function inviteRefusal(code: string | undefined, message: string, waitingFor?: string): Refusal {
  const pending = code === 'INVITATION_PENDING';
  return {
    pending,
    message: pending
      ? `Only one invitation at a time: ${waitingFor ? `${waitingFor} has` : 'someone has'} not answered yet. Wait for the answer, or use "Cancel invitation" under the chat title first.`
      : message,
  };
}

function InviteError({ error }: { error: Refusal }) {
  return (
    <Alert
      color={error.pending ? 'orange' : 'red'}
      variant="light"
      role="alert"
      icon={<IconAlertTriangle size={16} />}
      title={error.pending ? 'An invitation is already pending' : undefined}
    >
      {error.message}
    </Alert>
  );
}

function LeaveAfterJoin(props: {
  owner: boolean;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <Checkbox
      label="Leave the chat after they join"
      description={
        props.owner
          ? 'They take the chat over from you once they accept.'
          : 'You leave once they accept.'
      }
      checked={props.checked}
      onChange={(e) => props.onChange(e.currentTarget.checked)}
    />
  );
}
