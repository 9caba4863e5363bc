import {
  Badge,
  Button,
  Checkbox,
  Group,
  Radio,
  ScrollArea,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import type { Agent, Department, Distribution } from '@parley/protocol';
import { IconPlus } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useConsole } from '../../../context';
import { distributionMeta, distributionOrder } from '../../../labels';
import { ApiErrorAlert } from '../ApiErrorAlert';
import classes from '../Page.module.css';
import { EditButton } from './EditButton';
import { FormModal, useSubmit } from './FormModal';

interface DepartmentModalProps {
  department: Department | null;
  agents: Agent[];
  onDone: () => void;
  onSaved: (d: Department) => void;
}

function DepartmentModal({ department, agents, onDone, onSaved }: DepartmentModalProps) {
  const { api } = useConsole();
  const [name, setName] = useState(department?.name ?? '');
  const [distribution, setDistribution] = useState<Distribution>(
    department?.distribution ?? 'least_busy',
  );
  const [memberIds, setMemberIds] = useState<string[]>(department?.memberIds ?? []);
  const state = useSubmit();
  const { fields } = state;
  const save = async () => {
    const input = { name, distribution, memberIds };
    onSaved(
      department
        ? await api.updateDepartment(department.id, input)
        : await api.createDepartment(input),
    );
    onDone();
  };

  return (
    <FormModal
      title={department ? `Edit ${department.name}` : 'New department'}
      state={state}
      onSubmit={save}
      onClose={onDone}
      submitLabel={department ? 'Save' : 'Create department'}
      size="lg"
    >
      <TextInput
        label="Name"
        placeholder="Sales"
        required
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        error={fields.name}
        data-autofocus
      />
      <DistributionChoice
        value={distribution}
        onChange={setDistribution}
        error={fields.distribution}
      />
      <MemberChoice
        agents={agents}
        value={memberIds}
        onChange={setMemberIds}
        error={fields.memberIds}
      />
    </FormModal>
  );
}

/** Teams that chats are routed to, each with its way of handing them out. */
export function DepartmentsSettings({ canEdit }: { canEdit: boolean }) {
  const { api } = useConsole();
  const [departments, setDepartments] = useState<Department[] | null>(null);
  const [agents, setAgents] = useState<Agent[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<Department | 'new' | null>(null);

  const load = useCallback(async () => {
    try {
      const [d, a] = await Promise.all([api.listDepartments(), api.listAgents()]);
      setDepartments(d);
      setAgents(a);
    } catch (err) {
      setError(err);
    }
  }, [api]);

  useEffect(() => void load(), [load]);

  const nameOf = (id: string) => agents.find((a) => a.id === id)?.name ?? 'Unknown agent';
  const saved = (d: Department) =>
    setDepartments((list) =>
      [...(list ?? []).filter((x) => x.id !== d.id), d].sort((x, y) =>
        x.name.localeCompare(y.name),
      ),
    );

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Chats from a site go to the departments it routes to (see Sites). Without departments,
          every agent gets every chat.
        </Text>
        {canEdit && (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing('new')}
          >
            New department
          </Button>
        )}
      </Group>
      {error ? <ApiErrorAlert error={error} onClose={() => setError(null)} /> : null}
      {departments && departments.length === 0 && (
        <Text size="sm" c="dimmed">
          No departments yet.
        </Text>
      )}
      {departments && departments.length > 0 && (
        <DepartmentTable
          departments={departments}
          nameOf={nameOf}
          onEdit={canEdit ? setEditing : null}
        />
      )}
      {editing && (
        <DepartmentModal
          department={editing === 'new' ? null : editing}
          agents={agents}
          onDone={() => setEditing(null)}
          onSaved={saved}
        />
      )}
    </Stack>
  );
}

function DistributionChoice(props: {
  value: Distribution;
  onChange: (d: Distribution) => void;
  error?: string;
}) {
  return (
    <Radio.Group
      label="Distribution"
      description="How a new chat finds an agent in this department."
      value={props.value}
      onChange={(v) => props.onChange(v as Distribution)}
      error={props.error}
    >
      <Stack gap={8} mt={8}>
        {distributionOrder.map((d) => (
          <Radio
            key={d}
            value={d}
            label={distributionMeta[d].label}
            description={distributionMeta[d].hint}
          />
        ))}
      </Stack>
    </Radio.Group>
  );
}

function MemberChoice(props: {
  agents: readonly Agent[];
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
}) {
  return (
    <Checkbox.Group
      label="Members"
      description={`${props.value.length} selected`}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
    >
      <ScrollArea.Autosize mah={220} type="auto" mt={8}>
        <Stack gap={6}>
          {props.agents.map((a) => (
            <Checkbox key={a.id} value={a.id} label={`${a.name} (${a.email})`} />
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Checkbox.Group>
  );
}

interface TableProps {
  departments: readonly Department[];
  nameOf: (agentId: string) => string;
  /** Null when the reader may not edit departments. */
  onEdit: ((d: Department) => void) | null;
}

function DepartmentTable({ departments, nameOf, onEdit }: TableProps) {
  return (
    <div className={classes.table}>
      <Table verticalSpacing="sm" horizontalSpacing="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Department</Table.Th>
            <Table.Th>Distribution</Table.Th>
            <Table.Th>Members</Table.Th>
            {onEdit && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {departments.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {d.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{distributionMeta[d.distribution].label}</Text>
              </Table.Td>
              <Table.Td>
                {d.memberIds.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    Nobody
                  </Text>
                ) : (
                  <Group gap={4}>
                    {d.memberIds.map((id) => (
                      <Badge key={id} variant="light" color="gray" tt="none">
                        {nameOf(id)}
                      </Badge>
                    ))}
                  </Group>
                )}
              </Table.Td>
              {onEdit && (
                <Table.Td ta="right">
                  <EditButton name={d.name} onClick={() => onEdit(d)} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
