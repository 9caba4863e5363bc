import { Anchor, Badge, Group, Text } from '@mantine/core';
import type { TicketMessage } from '@parley/protocol';
import { IconLock, IconPaperclip } from '@tabler/icons-react';
import { formatBytes } from '../../client/composer/uploads';
import { useConsole } from '../../context';
import { formatDateTime } from '../../format';
import classes from './Tickets.module.css';

function kindOf(m: TicketMessage): 'in' | 'out' | 'note' | 'auto' {
  if (m.internal) return 'note';
  if (m.auto) return 'auto';
  return m.direction;
}

function authorOf(m: TicketMessage): string {
  const who = m.author.name ?? m.author.email ?? (m.direction === 'in' ? 'Customer' : 'Agent');
  return m.author.name && m.author.email ? `${m.author.name} <${m.author.email}>` : who;
}

/** The conversation of a ticket, oldest first; notes stand out and say who sees them. */
export function TicketThread({
  ticketId,
  messages,
}: {
  ticketId: string;
  messages: TicketMessage[];
}) {
  const { api } = useConsole();
  return (
    <ol
      className={classes.thread}
      aria-label="Ticket messages"
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
    >
      {messages.map((m) => {
        const kind = kindOf(m);
        return (
          <li key={m.id} className={classes.message} data-kind={kind}>
            <Group justify="space-between" gap="xs" mb={4} wrap="wrap">
              <Group gap={6} wrap="wrap">
                <Text size="sm" fw={600} dir="auto">
                  {authorOf(m)}
                </Text>
                {kind === 'note' && (
                  <Badge
                    color="yellow"
                    variant="light"
                    leftSection={<IconLock size={12} aria-hidden />}
                  >
                    Internal note
                  </Badge>
                )}
                {kind === 'auto' && (
                  <Badge color="gray" variant="light">
                    Automatic reply
                  </Badge>
                )}
                {m.delivery === 'failed' && (
                  <Badge color="red" variant="light">
                    Not delivered
                  </Badge>
                )}
                {m.delivery === 'sending' && (
                  <Badge color="gray" variant="light">
                    Sending…
                  </Badge>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                {formatDateTime(m.createdAt)}
              </Text>
            </Group>
            <Text size="sm" className={classes.body} dir="auto">
              {m.body}
            </Text>
            {m.files.length > 0 && (
              <Group gap="xs" mt={6} wrap="wrap">
                {m.files.map((f) => (
                  <Anchor key={f.id} size="xs" href={api.fileUrl(ticketId, f.id)} download>
                    <Group gap={4} component="span" wrap="nowrap">
                      <IconPaperclip size={12} aria-hidden />
                      {f.name} ({formatBytes(f.size)})
                    </Group>
                  </Anchor>
                ))}
              </Group>
            )}
            {m.hasOriginal && (
              <Anchor size="xs" href={api.originalUrl(ticketId, m.id)} download>
                Original email
              </Anchor>
            )}
          </li>
        );
      })}
    </ol>
  );
}
