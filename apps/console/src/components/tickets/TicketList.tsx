import { Badge, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import type { Ticket } from '@parley/protocol';
import { formatDateTime } from '../../format';
import { navigate } from '../../hooks/useRoute';
import pageClasses from '../pages/Page.module.css';
import { ChannelIcon } from './ChannelIcon';
import { priorityMeta, statusMeta } from './ticketLabels';
import classes from './Tickets.module.css';

/** The inbox rows; a row opens its ticket (by click, or Enter on its link). */
export function TicketList({ tickets }: { tickets: readonly Ticket[] }) {
  return (
    <div className={pageClasses.table}>
      <Table verticalSpacing="sm" horizontalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={44}>
              {/* Each row's icon names its channel; the header needs no room for the word. */}
              <VisuallyHidden>Channel</VisuallyHidden>
            </Table.Th>
            <Table.Th>Ticket</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th visibleFrom="sm">Assignee</Table.Th>
            <Table.Th visibleFrom="sm">Updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tickets.map((t) => (
            <TicketRow key={t.id} t={t} />
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function TicketRow({ t }: { t: Ticket }) {
  const href = `#/tickets/${encodeURIComponent(t.id)}`;
  const title = t.subject ?? t.message;
  return (
    <Table.Tr
      className={pageClasses.clickable}
      onClick={() => navigate({ page: 'tickets', ticketId: t.id })}
    >
      <Table.Td>
        <ChannelIcon channel={t.channel} />
      </Table.Td>
      <Table.Td>
        <a href={href} className={classes.rowLink} onClick={(e) => e.stopPropagation()}>
          <Text size="sm" fw={600} lineClamp={1} dir="auto" component="span">
            {title}
          </Text>
        </a>
        <Text size="xs" c="dimmed" lineClamp={1}>
          {t.name} · {t.email} · {t.siteName}
        </Text>
        {/* On a phone the assignee and time columns fold into the row. */}
        <Text size="xs" c="dimmed" hiddenFrom="sm">
          {t.assignee?.name ?? 'Unassigned'} · {formatDateTime(t.updatedAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Badge
            color={statusMeta[t.status].color}
            variant="light"
            style={{ flexShrink: 0, minWidth: 'max-content' }}
          >
            {statusMeta[t.status].label}
          </Badge>
          {t.priority !== 'normal' && (
            <Badge
              color={priorityMeta[t.priority].color}
              variant="outline"
              style={{ flexShrink: 0, minWidth: 'max-content' }}
            >
              {priorityMeta[t.priority].label}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td visibleFrom="sm">
        <Text size="sm" c={t.assignee ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
          {t.assignee?.name ?? 'Unassigned'}
        </Text>
      </Table.Td>
      <Table.Td visibleFrom="sm">
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(t.updatedAt)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
