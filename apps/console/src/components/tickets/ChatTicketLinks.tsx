import { Anchor, Group } from '@mantine/core';
import type { Ticket } from '@parley/protocol';
import { IconTicket } from '@tabler/icons-react';
import { useCallback, useEffect, useState } from 'react';
import { useConsole } from '../../context';
import { routeHref } from '../../route';
import { useTicketChanges } from './useTicketOptions';

/** The tickets made from a chat, each a link to its page; nothing while there are none. */
export function ChatTicketLinks({ conversationId }: { conversationId: string }) {
  const { api } = useConsole();
  const [tickets, setTickets] = useState<Ticket[]>([]);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let cancelled = false;
    api.chatTickets(conversationId).then(
      (list) => !cancelled && setTickets(list),
      () => !cancelled && setTickets([]),
    );
    return () => {
      cancelled = true;
    };
  }, [api, conversationId, version]);
  const any = useCallback(() => true, []);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  useTicketChanges(any, reload);
  if (tickets.length === 0) return null;
  return (
    <Group gap="xs" wrap="wrap">
      {tickets.map((t) => (
        <Anchor key={t.id} size="xs" href={routeHref({ page: 'tickets', ticketId: t.id })}>
          <Group gap={4} component="span" wrap="nowrap">
            <IconTicket size={13} aria-hidden />
            Ticket: {t.subject ?? t.name}
          </Group>
        </Anchor>
      ))}
    </Group>
  );
}
