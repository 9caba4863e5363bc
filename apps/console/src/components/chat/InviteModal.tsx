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
  const { client, api } = useConsole();
  const state = useConsoleState();
  const { me } = state;
  const [target, setTarget] = useState<Target>('agent');
  const [agentId, setAgentId] = useState<string | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [departments, setDepartments] = useState<Department[] | null>(null);
  const [leave, setLeave] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; pending: boolean } | null>(null);
  const present = useMemo(
    () => [me.id, ...(c.assignee ? [c.assignee.id] : []), ...c.participants.map((p) => p.id)],
    [me.id, c.assignee, c.participants],
  );

  useEffect(() => void client.refreshTeam(), [client]);
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
      const pending = result.code === 'INVITATION_PENDING';
      const waitingFor = myPendingInvitation(state, c.id)?.invitee.name;
      setError({
        pending,
        message: pending
          ? `Only one invitation at a time: ${waitingFor ? `${waitingFor} has` : 'someone has'} not answered yet. Wait for the answer, or use "Cancel invitation" under the chat title first.`
          : result.message,
      });
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
        <SegmentedControl
          fullWidth
          value={target}
          onChange={(v) => setTarget(v as Target)}
          data={[
            { value: 'agent', label: 'A colleague' },
            { value: 'department', label: 'Anyone in a department' },
          ]}
          aria-label="Whom to invite"
        />
        {target === 'agent' ? (
          <AgentChoice label="Colleague" value={agentId} onChange={setAgentId} exclude={present} />
        ) : (
          <Select
            label="Department"
            description="A random available member of it is invited."
            placeholder={departments === null ? 'Loading…' : 'Pick a department'}
            data={(departments ?? []).map((d) => ({ value: d.id, label: d.name }))}
            value={departmentId}
            onChange={setDepartmentId}
            nothingFoundMessage="No departments yet"
            comboboxProps={{ withinPortal: true }}
          />
        )}
        <Checkbox
          label="Leave the chat after they join"
          description={
            c.assignee?.id === me.id
              ? 'They take the chat over from you once they accept.'
              : 'You leave once they accept.'
          }
          checked={leave}
          onChange={(e) => setLeave(e.currentTarget.checked)}
        />
        {error && (
          <Alert
            color={error.pending ? 'orange' : 'red'}
            variant="light"
            role="alert"
            icon={<IconAlertTriangle size={16} />}
            title={error.pending ? 'An invitation is already pending' : undefined}
          >
            {error.message}
          </Alert>
        )}
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
