import { Group, Select, Text } from '@mantine/core';
import type { AgentStatus } from '@parley/protocol';
import { useConsole, useConsoleState } from '../../context';
import { agentStatusMeta, agentStatusOrder } from '../../statusMeta';
import { StatusDot } from './StatusDot';

const options = agentStatusOrder.map((status) => ({
  value: status,
  label: agentStatusMeta[status].label,
}));

function isAgentStatus(value: string | null): value is AgentStatus {
  return agentStatusOrder.some((s) => s === value);
}

/** The agent's availability: whether new chats are routed to them. */
export function StatusSelect() {
  const { client } = useConsole();
  const { me } = useConsoleState();

  return (
    <Select
      aria-label="Status"
      data={options}
      value={me.status}
      onChange={(value) => {
        if (isAgentStatus(value) && value !== me.status) void client.setStatus(value);
      }}
      allowDeselect={false}
      withCheckIcon={false}
      w={150}
      size="sm"
      leftSection={<StatusDot status={me.status} />}
      comboboxProps={{ width: 240, position: 'bottom-end' }}
      renderOption={({ option, checked }) => {
        const status = option.value as AgentStatus;
        return (
          <Group gap="sm" wrap="nowrap">
            <StatusDot status={status} />
            <div>
              <Text size="sm" fw={checked ? 600 : 500}>
                {option.label}
              </Text>
              <Text size="xs" c="dimmed">
                {agentStatusMeta[status].hint}
              </Text>
            </div>
          </Group>
        );
      }}
    />
  );
}
