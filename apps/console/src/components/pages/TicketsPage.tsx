import {
  Badge,
  Button,
  Group,
  SegmentedControl,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import type { Ticket, TicketStatus } from '@parley/protocol';
import { IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useConsole } from '../../context';
import { formatDateTime } from '../../format';
import { ApiErrorAlert } from './ApiErrorAlert';
import classes from './Page.module.css';

/** Messages visitors left while nobody could chat: the team's inbox. */
export default function TicketsPage() {
  const { api } = useConsole();
  const [status, setStatus] = useState<TicketStatus>('open');
  const [tickets, setTickets] = useState<Ticket[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setTickets(await api.listTickets(status));
    } catch (err) {
      setError(err);
    }
  }, [api, status]);

  useEffect(() => {
    setTickets(null);
    void load();
  }, [load]);

  async function toggle(t: Ticket) {
    setBusy(t.id);
    setError(null);
    try {
      await api.setTicketStatus(t.id, t.status === 'open' ? 'closed' : 'open');
      // It now belongs to the other list.
      setTickets((list) => list?.filter((x) => x.id !== t.id) ?? null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className={classes.page} aria-labelledby="tickets-title">
      <div className={classes.inner}>
        <TicketsHeader status={status} onStatus={setStatus} onRefresh={() => void load()} />
        {error ? <ApiErrorAlert error={error} onClose={() => setError(null)} /> : null}
        {tickets && tickets.length === 0 && (
          <Text c="dimmed" size="sm" mt="md">
            {status === 'open' ? 'No open tickets. All caught up.' : 'No closed tickets yet.'}
          </Text>
        )}
        {tickets === null && !error && (
          <Text c="dimmed" size="sm" mt="md">
            Loading…
          </Text>
        )}
        {tickets && tickets.length > 0 && (
          <TicketTable tickets={tickets} busy={busy} onToggle={(t) => void toggle(t)} />
        )}
      </div>
    </section>
  );
}

interface TableProps {
  tickets: readonly Ticket[];
  /** The ticket whose status is being changed. */
  busy: string | null;
  onToggle: (t: Ticket) => void;
}

function TicketTable({ tickets, busy, onToggle }: TableProps) {
  return (
    <div className={classes.table}>
      <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>From</Table.Th>
            <Table.Th>Message</Table.Th>
            <Table.Th>Site</Table.Th>
            <Table.Th>Received</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tickets.map((t) => (
            <TicketRow key={t.id} t={t} busy={busy === t.id} onToggle={onToggle} />
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

function TicketRow({
  t,
  busy,
  onToggle,
}: {
  t: Ticket;
  busy: boolean;
  onToggle: (t: Ticket) => void;
}) {
  const action = t.status === 'open' ? 'Close ticket' : 'Reopen';
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={600}>
          {t.name}
        </Text>
        <Text size="xs" c="dimmed" component="a" href={`mailto:${t.email}`}>
          {t.email}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" className={classes.message} dir="auto">
          {t.message}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{t.siteName}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
          {formatDateTime(t.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge color={t.status === 'open' ? 'orange' : 'gray'} variant="light">
          {t.status === 'open' ? 'Open' : 'Closed'}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Button
          size="compact-sm"
          variant={t.status === 'open' ? 'light' : 'default'}
          loading={busy}
          onClick={() => onToggle(t)}
          aria-label={`${action} from ${t.name}`}
        >
          {action}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

interface HeaderProps {
  status: TicketStatus;
  onStatus: (s: TicketStatus) => void;
  onRefresh: () => void;
}

function TicketsHeader({ status, onStatus, onRefresh }: HeaderProps) {
  return (
    <Group justify="space-between" mb="md" wrap="wrap">
      <div>
        <Title order={1} fz="h3" id="tickets-title">
          Tickets
        </Title>
        <Text size="sm" c="dimmed">
          Messages visitors left when nobody could chat. Answer them by email, then close them.
        </Text>
      </div>
      <Group gap="sm">
        <SegmentedControl
          value={status}
          onChange={(v) => onStatus(v as TicketStatus)}
          data={[
            { value: 'open', label: 'Open' },
            { value: 'closed', label: 'Closed' },
          ]}
          aria-label="Which tickets"
        />
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} aria-hidden />}
          onClick={onRefresh}
        >
          Refresh
        </Button>
      </Group>
    </Group>
  );
}
