import { Select, Stack, Text } from '@mantine/core';
import type { Ticket, TicketUpdateInput } from '@parley/protocol';
import { useConsoleState } from '../../context';
import {
  channelLabel,
  priorityMeta,
  statusMeta,
  ticketPriorityList,
  ticketStatusList,
} from './ticketLabels';
import type { TicketOptions } from './useTicketOptions';

const NONE = 'none';

/** Status, priority, assignee and department of the open ticket; each change saves at once. */
export function TicketControls({
  ticket,
  options,
  busy,
  onChange,
}: {
  ticket: Ticket;
  options: TicketOptions;
  busy: boolean;
  onChange: (patch: TicketUpdateInput) => void;
}) {
  const { me } = useConsoleState();
  const agents = options.agents.some((a) => a.id === me.id)
    ? options.agents
    : [me, ...options.agents];
  const withCurrent = <T extends { id: string; name: string }>(list: T[], current: T | null) =>
    current && !list.some((x) => x.id === current.id) ? [...list, current] : list;
  return (
    <Stack gap="sm">
      <Select
        label="Ticket status"
        value={ticket.status}
        disabled={busy}
        allowDeselect={false}
        onChange={(v) => v && onChange({ status: v as Ticket['status'] })}
        data={ticketStatusList.map((s) => ({ value: s, label: statusMeta[s].label }))}
      />
      <Select
        label="Assignee"
        value={ticket.assignee?.id ?? NONE}
        disabled={busy}
        allowDeselect={false}
        searchable
        onChange={(v) => v && onChange({ assigneeId: v === NONE ? null : v })}
        data={[
          { value: NONE, label: 'Unassigned' },
          ...withCurrent(agents, ticket.assignee).map((a) => ({
            value: a.id,
            label: a.id === me.id ? `${a.name} (me)` : a.name,
          })),
        ]}
      />
      <Select
        label="Priority"
        value={ticket.priority}
        disabled={busy}
        allowDeselect={false}
        onChange={(v) => v && onChange({ priority: v as Ticket['priority'] })}
        data={ticketPriorityList.map((p) => ({ value: p, label: priorityMeta[p].label }))}
      />
      <Select
        label="Department"
        value={ticket.department?.id ?? NONE}
        disabled={busy}
        allowDeselect={false}
        onChange={(v) => v && onChange({ departmentId: v === NONE ? null : v })}
        data={[
          { value: NONE, label: 'No department' },
          ...withCurrent(options.departments, ticket.department).map((d) => ({
            value: d.id,
            label: d.name,
          })),
        ]}
      />
      <Text size="xs" c="dimmed">
        {channelLabel[ticket.channel]} · {ticket.siteName}
      </Text>
    </Stack>
  );
}
