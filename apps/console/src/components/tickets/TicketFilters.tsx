import { SegmentedControl, Select, SimpleGrid } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { TicketChannel, TicketPriority, TicketStatus } from '@parley/protocol';
import {
  channelLabel,
  priorityMeta,
  statusMeta,
  ticketChannelList,
  ticketPriorityList,
  ticketStatusList,
} from './ticketLabels';
import type { TicketOptions } from './useTicketOptions';

export interface InboxFilters {
  status: TicketStatus;
  /** ANY for no filter; the assignee may also be 'me', 'unassigned' or an agent id. */
  assignee: string;
  departmentId: string;
  priority: TicketPriority | typeof ANY;
  channel: TicketChannel | typeof ANY;
}

/** "No filter" in a picker (Mantine options need a non-empty value). */
export const ANY = 'any';

export const defaultFilters: InboxFilters = {
  status: 'open',
  assignee: ANY,
  departmentId: ANY,
  priority: ANY,
  channel: ANY,
};

interface Props {
  filters: InboxFilters;
  counts: Record<TicketStatus, number> | null;
  options: TicketOptions;
  onChange: (f: InboxFilters) => void;
}

/** Status tabs with counts, then who, which department, how urgent, from where. */
export function TicketFilters({ filters, counts, options, onChange }: Props) {
  const set = <K extends keyof InboxFilters>(key: K, value: InboxFilters[K]) =>
    onChange({ ...filters, [key]: value });
  const pick = { clearable: false, allowDeselect: false, size: 'sm' } as const;
  // Four statuses with counts fit a phone only in the smaller size.
  const narrow = useMediaQuery('(max-width: 36em)');
  return (
    <>
      <SegmentedControl
        value={filters.status}
        onChange={(v) => set('status', v as TicketStatus)}
        aria-label="Status"
        mb="sm"
        size={narrow ? 'xs' : 'sm'}
        fullWidth
        maw={620}
        data={ticketStatusList.map((s) => ({
          value: s,
          label: counts ? `${statusMeta[s].label} (${counts[s]})` : statusMeta[s].label,
        }))}
      />
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" mb="md" maw={760}>
        <Select
          {...pick}
          label="Assignee"
          value={filters.assignee}
          onChange={(v) => set('assignee', v ?? ANY)}
          data={[
            { value: ANY, label: 'Anyone' },
            { value: 'me', label: 'Me' },
            { value: 'unassigned', label: 'Unassigned' },
            ...options.agents.map((a) => ({ value: a.id, label: a.name })),
          ]}
        />
        <Select
          {...pick}
          label="Department"
          value={filters.departmentId}
          onChange={(v) => set('departmentId', v ?? ANY)}
          data={[
            { value: ANY, label: 'All departments' },
            ...options.departments.map((d) => ({ value: d.id, label: d.name })),
          ]}
        />
        <Select
          {...pick}
          label="Priority"
          value={filters.priority}
          onChange={(v) => set('priority', (v ?? ANY) as InboxFilters['priority'])}
          data={[
            { value: ANY, label: 'Any priority' },
            ...ticketPriorityList.map((p) => ({ value: p, label: priorityMeta[p].label })),
          ]}
        />
        <Select
          {...pick}
          label="Channel"
          value={filters.channel}
          onChange={(v) => set('channel', (v ?? ANY) as InboxFilters['channel'])}
          data={[
            { value: ANY, label: 'Every channel' },
            ...ticketChannelList.map((c) => ({ value: c, label: channelLabel[c] })),
          ]}
        />
      </SimpleGrid>
    </>
  );
}
