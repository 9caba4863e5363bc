import {
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Radio,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import type { Agent, AgentRole } from '@parley/protocol';
import { IconUserPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../../../api/http';
import { useConsole, useConsoleState } from '../../../context';
import { roleMeta, roleOrder } from '../../../labels';
import { agentStatusMeta } from '../../../statusMeta';
import { StatusDot } from '../../header/StatusDot';
import { ApiErrorAlert, errorDetails } from '../ApiErrorAlert';
import classes from '../Page.module.css';
import { EditButton } from './EditButton';

const roleOptions = roleOrder.map((r) => ({ value: r, label: roleMeta[r].label }));
const isRole = (v: string | null): v is AgentRole => roleOrder.some((r) => r === v);

function AddAgentModal({ onDone, onAdded }: { onDone: () => void; onAdded: (a: Agent) => void }) {
  const { api } = useConsole();
  const [form, setForm] = useState({
    email: '',
    name: '',
    password: '',
    role: 'agent' as AgentRole,
  });
  const [error, setError] = useState<unknown>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      onAdded(await api.createAgent(form));
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'EMAIL_TAKEN') {
        setFields({ email: 'An agent with this email already exists.' });
      } else {
        setError(err);
        setFields({ ...errorDetails(err) });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onDone} title="Add an agent" centered radius="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label="Email"
            type="email"
            required
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
            error={fields.email}
            data-autofocus
          />
          <TextInput
            label="Name"
            required
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={fields.name}
          />
          <TextInput
            type="password"
            autoComplete="new-password"
            label="Password"
            description="At least 10 characters. Share it with them safely."
            required
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
            error={fields.password}
          />
          <Select
            label="Role"
            data={roleOptions}
            value={form.role}
            onChange={(v) => isRole(v) && setForm({ ...form, role: v })}
            allowDeselect={false}
            description={roleMeta[form.role].hint}
            error={fields.role}
          />
          {error ? <ApiErrorAlert error={error} /> : null}
          <Group justify="flex-end" gap="sm" mt="xs">
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Add agent
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface EditProps {
  agent: Agent;
  maxChats: number | null;
  orgDefault: number | null;
  onDone: () => void;
  onSaved: (a: Agent) => void;
}

function EditAgentModal({ agent, maxChats, orgDefault, onDone, onSaved }: EditProps) {
  const { api, client } = useConsole();
  const [role, setRole] = useState<AgentRole>(agent.role);
  // The API does not say whether a limit is the agent's own; equal to the default reads as default.
  const [own, setOwn] = useState(maxChats !== null && maxChats !== orgDefault);
  const [limit, setLimit] = useState<number | ''>(maxChats ?? orgDefault ?? 5);
  const [error, setError] = useState<unknown>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (own && limit === '') {
      setFields({ maxChats: 'Enter a number' });
      return;
    }
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const updated = await api.updateAgent(agent.id, {
        ...(role !== agent.role ? { role } : {}),
        maxChats: own ? Number(limit) : null,
      });
      onSaved(updated);
      void client.refreshTeam();
      onDone();
    } catch (err) {
      setError(err);
      setFields({ ...errorDetails(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened onClose={onDone} title={`Edit ${agent.name}`} centered radius="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Select
            label="Role"
            data={roleOptions}
            value={role}
            onChange={(v) => isRole(v) && setRole(v)}
            allowDeselect={false}
            description={roleMeta[role].hint}
            error={fields.role}
          />
          <Radio.Group
            label="Max chats"
            value={own ? 'own' : 'default'}
            onChange={(v) => setOwn(v === 'own')}
            error={fields.maxChats}
          >
            <Stack gap={8} mt={6}>
              <Radio
                value="default"
                label={`Organisation default${orgDefault !== null ? ` (${orgDefault})` : ''}`}
              />
              <Group gap="sm" wrap="nowrap">
                <Radio value="own" label="Own limit" />
                <NumberInput
                  aria-label="Own max chats"
                  min={1}
                  max={50}
                  w={100}
                  size="xs"
                  allowDecimal={false}
                  allowNegative={false}
                  value={limit}
                  disabled={!own}
                  onChange={(v) => setLimit(typeof v === 'number' ? v : v === '' ? '' : Number(v))}
                />
              </Group>
            </Stack>
          </Radio.Group>
          {error ? <ApiErrorAlert error={error} /> : null}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Who can sign in, their role, and how many chats they take at once. */
export function AgentsSettings({ canEdit }: { canEdit: boolean }) {
  const { api, client } = useConsole();
  const { team, settings, me } = useConsoleState();
  const [agents, setAgents] = useState<Agent[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Agent | null>(null);

  const load = useCallback(async () => {
    try {
      setAgents(await api.listAgents());
    } catch (err) {
      setError(err);
    }
  }, [api]);

  useEffect(() => {
    void load();
    void client.refreshTeam();
  }, [load, client]);

  const maxOf = (id: string) => team.members.find((m) => m.agent.id === id)?.maxChats ?? null;
  const orgDefault = settings?.maxChatsPerAgent ?? null;
  const replace = (a: Agent) =>
    setAgents((list) => {
      const rest = (list ?? []).filter((x) => x.id !== a.id);
      return [...rest, a].sort((x, y) => x.name.localeCompare(y.name));
    });

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {agents ? `${agents.length} ${agents.length === 1 ? 'agent' : 'agents'}` : 'Loading…'}
        </Text>
        {canEdit && (
          <Button
            leftSection={<IconUserPlus size={16} aria-hidden />}
            onClick={() => setAdding(true)}
          >
            Add agent
          </Button>
        )}
      </Group>
      {error ? <ApiErrorAlert error={error} onClose={() => setError(null)} /> : null}
      {agents && (
        <div className={classes.table}>
          <Table verticalSpacing="sm" horizontalSpacing="md">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Agent</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Max chats</Table.Th>
                {canEdit && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {agents.map((a) => {
                const max = maxOf(a.id);
                return (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {a.name}
                        {a.id === me.id ? ' (you)' : ''}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {a.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={a.role === 'agent' ? 'gray' : 'indigo'}>
                        {roleMeta[a.role].label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <StatusDot status={a.status} />
                        <Text size="sm">{agentStatusMeta[a.status].label}</Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {max ?? '—'}
                        {max !== null && max === orgDefault ? (
                          <Text span size="xs" c="dimmed">
                            {' '}
                            (default)
                          </Text>
                        ) : null}
                      </Text>
                    </Table.Td>
                    {canEdit && (
                      <Table.Td ta="right">
                        <EditButton name={a.name} onClick={() => setEditing(a)} />
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {adding && (
        <AddAgentModal
          onDone={() => setAdding(false)}
          onAdded={(a) => {
            replace(a);
            void client.refreshTeam();
          }}
        />
      )}
      {editing && (
        <EditAgentModal
          agent={editing}
          maxChats={maxOf(editing.id)}
          orgDefault={orgDefault}
          onDone={() => setEditing(null)}
          onSaved={replace}
        />
      )}
    </Stack>
  );
}
