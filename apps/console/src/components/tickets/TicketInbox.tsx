import { Button, Group, Text, Title } from '@mantine/core';
import type { Ticket, TicketStatus } from '@parley/protocol';
import { IconRefresh } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useConsole } from '../../context';
import { ApiErrorAlert } from '../pages/ApiErrorAlert';
import pageClasses from '../pages/Page.module.css';
import { ANY, defaultFilters, TicketFilters, type InboxFilters } from './TicketFilters';
import { TicketList } from './TicketList';
import { statusMeta } from './ticketLabels';
import { useTicketChanges, useTicketOptions } from './useTicketOptions';

const always = () => true;

/** The filters as the API reads them: no filter is no parameter. */
function query(f: InboxFilters) {
  const pick = <T extends string>(v: T | typeof ANY) => (v === ANY ? undefined : v);
  return {
    status: f.status,
    assignee: pick(f.assignee),
    departmentId: pick(f.departmentId),
    priority: pick(f.priority),
    channel: pick(f.channel),
  };
}

/** The team's ticket inbox: filters with counts, kept live as tickets arrive and change. */
export function TicketInbox() {
  const { api } = useConsole();
  const options = useTicketOptions();
  const [filters, setFilters] = useState<InboxFilters>(defaultFilters);
  const [tickets, setTickets] = useState<Ticket[] | null>(null);
  const [counts, setCounts] = useState<Record<TicketStatus, number> | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      const res = await api.listTickets(query(filters));
      setTickets(res.tickets);
      setCounts(res.counts);
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [api, filters]);

  useEffect(() => {
    setTickets(null);
    void load();
  }, [load]);
  const reload = useCallback(() => void load(), [load]);
  useTicketChanges(always, reload);

  return (
    <section className={pageClasses.page} aria-labelledby="tickets-title">
      <div className={pageClasses.inner}>
        <Group justify="space-between" mb="md" wrap="wrap">
          <div>
            <Title order={1} fz="h3" id="tickets-title">
              Tickets
            </Title>
            <Text size="sm" c="dimmed">
              Messages from the website form and email. Answer them here; replies go out by email.
            </Text>
          </div>
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} aria-hidden />}
            onClick={reload}
          >
            Refresh
          </Button>
        </Group>
        <TicketFilters filters={filters} counts={counts} options={options} onChange={setFilters} />
        {error ? <ApiErrorAlert error={error} onClose={() => setError(null)} /> : null}
        {tickets === null && !error && (
          <Text c="dimmed" size="sm">
            Loading…
          </Text>
        )}
        {tickets && tickets.length === 0 && (
          <Text c="dimmed" size="sm">
            No {statusMeta[filters.status].label.toLowerCase()} tickets here.
            {filters.status === 'open' ? ' All caught up.' : ''}
          </Text>
        )}
        {tickets && tickets.length > 0 && <TicketList tickets={tickets} />}
      </div>
    </section>
  );
}
