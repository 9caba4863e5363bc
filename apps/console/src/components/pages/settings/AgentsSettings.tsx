import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import type { Agent, SiteSummary } from '@parley/protocol';
import { IconUserPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useConsole, useConsoleState } from '../../../context';
import { roleMeta } from '../../../labels';
import { agentStatusMeta } from '../../../statusMeta';
import { StatusDot } from '../../header/StatusDot';
import { ApiErrorAlert } from '../ApiErrorAlert';
import classes from '../Page.module.css';
import { AddAgentModal, EditAgentModal } from './AgentModals';
import { sitesLabel } from './AgentSites';
import { EditButton } from './EditButton';

/**
 * The agents an admin manages (deactivated ones too) or an agent reads, kept sorted by name;
 * `setActive` deactivates or reactivates one.
 */
function useAgentList(canEdit: boolean) {
  const { api, client } = useConsole();
  const [agents, setAgents] = useState<Agent[] | null>(null);
  const [sites, setSites] = useState<SiteSummary[]>([]);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      // Admins also see deactivated agents, to reactivate them, and which sites each works on.
      if (canEdit) setSites(await api.listSites());
      setAgents(await (canEdit ? api.listAllAgents() : api.listAgents()));
    } catch (err) {
      setError(err);
    }
  }, [api, canEdit]);

  useEffect(() => {
    void load();
    void client.refreshTeam();
  }, [load, client]);

  const replace = (a: Agent) =>
    setAgents((list) => {
      const rest = (list ?? []).filter((x) => x.id !== a.id);
      return [...rest, a].sort((x, y) => x.name.localeCompare(y.name));
    });
  const setActive = async (a: Agent, active: boolean) => {
    try {
      replace(await api.updateAgent(a.id, { deactivated: !active }));
      await load();
      void client.refreshTeam();
    } catch (err) {
      setError(err);
    }
  };
  return { agents, sites, error, setError, replace, setActive };
}

/** Who can sign in, their role, and how many chats they take at once. */
export function AgentsSettings({ canEdit }: { canEdit: boolean }) {
  const { client } = useConsole();
  const { team, settings } = useConsoleState();
  const { agents, sites, error, setError, replace, setActive } = useAgentList(canEdit);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Agent | null>(null);
  const maxOf = (id: string) => team.members.find((m) => m.agent.id === id)?.maxChats ?? null;
  const orgDefault = settings?.maxChatsPerAgent ?? null;

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
        <AgentTable
          agents={agents}
          sites={canEdit ? sites : null}
          maxOf={maxOf}
          orgDefault={orgDefault}
          onEdit={canEdit ? setEditing : null}
          onActive={canEdit ? (a, active) => void setActive(a, active) : null}
        />
      )}
      {adding && (
        <AddAgentModal
          sites={sites}
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
          sites={sites}
          maxChats={maxOf(editing.id)}
          orgDefault={orgDefault}
          onDone={() => setEditing(null)}
          onSaved={replace}
        />
      )}
    </Stack>
  );
}

interface TableProps {
  agents: readonly Agent[];
  /** Every site, for the Sites column (admins only; null hides it). */
  sites: readonly SiteSummary[] | null;
  maxOf: (id: string) => number | null;
  orgDefault: number | null;
  onEdit: ((a: Agent) => void) | null;
  /** Deactivate (false) or reactivate (true); null when the reader may not. */
  onActive: ((a: Agent, active: boolean) => void) | null;
}

function AgentTable({ agents, sites, maxOf, orgDefault, onEdit, onActive }: TableProps) {
  const { me } = useConsoleState();
  return (
    <div className={classes.table}>
      <Table verticalSpacing="sm" horizontalSpacing="md" miw={680}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Agent</Table.Th>
            <Table.Th>Role</Table.Th>
            {sites && <Table.Th>Sites</Table.Th>}
            <Table.Th>Status</Table.Th>
            <Table.Th>Max chats</Table.Th>
            {onEdit && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agents.map((a) => (
            <AgentRow
              key={a.id}
              agent={a}
              sites={sites}
              you={a.id === me.id}
              max={maxOf(a.id)}
              orgDefault={orgDefault}
              onEdit={onEdit && (() => onEdit(a))}
              onActive={onActive && ((active: boolean) => onActive(a, active))}
            />
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

interface RowProps {
  agent: Agent;
  sites: readonly SiteSummary[] | null;
  you: boolean;
  max: number | null;
  orgDefault: number | null;
  /** Null when the reader may not edit agents. */
  onEdit: (() => void) | null;
  onActive: ((active: boolean) => void) | null;
}

function AgentRow({ agent: a, sites, you, max, orgDefault, onEdit, onActive }: RowProps) {
  const deactivated = Boolean(a.deactivatedAt);
  return (
    <Table.Tr style={deactivated ? { opacity: 0.6 } : undefined}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {a.name}
          {you ? ' (you)' : ''}
        </Text>
        <Text size="xs" c="dimmed">
          {a.email}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={6}>
          <Badge
            variant="light"
            color={a.role === 'agent' ? 'gray' : 'indigo'}
            style={{ flexShrink: 0 }}
          >
            {roleMeta[a.role].label}
          </Badge>
          {deactivated && (
            <Badge variant="outline" color="red" style={{ flexShrink: 0 }}>
              Deactivated
            </Badge>
          )}
        </Group>
      </Table.Td>
      {sites && (
        <Table.Td>
          <Text size="sm">{sitesLabel(a.role, a.siteIds, sites)}</Text>
        </Table.Td>
      )}
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
      {onEdit && (
        <Table.Td ta="right">
          <Group gap={6} justify="flex-end" wrap="nowrap">
            {!deactivated && <EditButton name={a.name} onClick={onEdit} />}
            {onActive && !you && (
              <Button
                size="compact-sm"
                variant={deactivated ? 'light' : 'subtle'}
                color={deactivated ? undefined : 'red'}
                aria-label={`${deactivated ? 'Reactivate' : 'Deactivate'} ${a.name}`}
                onClick={() => onActive(deactivated)}
              >
                {deactivated ? 'Reactivate' : 'Deactivate'}
              </Button>
            )}
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
