import { Anchor, Badge, Group, Text, Title } from '@mantine/core';
import type { Ticket } from '@parley/protocol';
import { IconArrowLeft, IconMessages } from '@tabler/icons-react';
import { routeHref } from '../../route';
import { ApiErrorAlert } from '../pages/ApiErrorAlert';
import pageClasses from '../pages/Page.module.css';
import { PageLoading } from '../pages/PageLoading';
import { ChannelIcon } from './ChannelIcon';
import { TicketComposer } from './TicketComposer';
import { TicketControls } from './TicketControls';
import { TicketThread } from './TicketThread';
import { priorityMeta, statusMeta } from './ticketLabels';
import classes from './Tickets.module.css';
import { useTicket } from './useTicket';
import { useTicketOptions } from './useTicketOptions';

const back = (
  <Anchor href={routeHref({ page: 'tickets' })} size="sm">
    <Group gap={4} component="span">
      <IconArrowLeft size={14} aria-hidden />
      All tickets
    </Group>
  </Anchor>
);

/** One ticket: its thread, kept live, the reply box, and its status, owner and priority. */
export function TicketView({ id }: { id: string }) {
  const options = useTicketOptions();
  const { ticket, messages, error, busy, reload, change, clearError } = useTicket(id);
  const alert = error ? <ApiErrorAlert error={error} onClose={clearError} /> : null;
  if (!ticket) return <PageLoading label="Ticket" back={back} alert={alert} />;

  return (
    <section className={pageClasses.page} aria-labelledby="ticket-title">
      <div className={pageClasses.inner}>
        {back}
        <TicketHeader ticket={ticket} />
        {alert}
        <div className={classes.layout}>
          <div>
            <TicketThread ticketId={ticket.id} messages={messages} />
            <div style={{ marginTop: 'var(--mantine-spacing-lg)' }}>
              <TicketComposer
                ticketId={ticket.id}
                customer={ticket.email}
                onSent={reload}
                onSetCustomer={(email) => void change({ email })}
                busySaving={busy}
              />
            </div>
          </div>
          <aside className={classes.controls} aria-label="Ticket details">
            <TicketControls
              ticket={ticket}
              options={options}
              busy={busy}
              onChange={(p) => void change(p)}
            />
          </aside>
        </div>
      </div>
    </section>
  );
}

function TicketHeader({ ticket }: { ticket: Ticket }) {
  return (
    <Group gap="sm" mt="sm" mb="md" wrap="nowrap" align="flex-start">
      <ChannelIcon channel={ticket.channel} />
      <div style={{ minWidth: 0 }}>
        <Title
          order={1}
          fz="h3"
          id="ticket-title"
          dir="auto"
          style={{ overflowWrap: 'break-word' }}
        >
          {ticket.subject ?? `Message from ${ticket.name}`}
        </Title>
        <Group gap={6} mt={4} wrap="wrap">
          <Badge color={statusMeta[ticket.status].color} variant="light">
            {statusMeta[ticket.status].label}
          </Badge>
          <Badge color={priorityMeta[ticket.priority].color} variant="outline">
            {priorityMeta[ticket.priority].label}
          </Badge>
          <Text size="sm" c="dimmed">
            {ticket.email
              ? `${ticket.name} · ${ticket.email}`
              : `${ticket.name} · no email address`}
          </Text>
          {ticket.conversationId && (
            <Anchor
              size="sm"
              href={routeHref({ page: 'archive', conversationId: ticket.conversationId })}
            >
              <Group gap={4} component="span" wrap="nowrap">
                <IconMessages size={14} aria-hidden />
                From chat
              </Group>
            </Anchor>
          )}
        </Group>
      </div>
    </Group>
  );
}
