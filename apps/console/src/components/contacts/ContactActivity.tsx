import { Anchor, Badge, Stack, Text, Title } from '@mantine/core';
import { API_PREFIX, type ContactPageResponse } from '@parley/protocol';
import type { ReactNode } from 'react';
import { fileUrl } from '../../api/upload';
import { formatBytes } from '../../client/composer/uploads';
import { formatDateTime } from '../../format';
import { routeHref } from '../../route';
import { conversationStatusMeta } from '../../statusMeta';
import { statusMeta as ticketStatusMeta } from '../tickets/ticketLabels';
import classes from './Contacts.module.css';

type Page = ContactPageResponse;

function Section({
  title,
  empty,
  children,
}: {
  title: string;
  empty: string;
  children: ReactNode[];
}) {
  return (
    <section className={classes.card} aria-label={title}>
      <Title order={2} fz="sm" mb="xs">
        {title}
      </Title>
      {children.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <div>{children}</div>
      )}
    </section>
  );
}

function Row({ main, side }: { main: ReactNode; side: ReactNode }) {
  return (
    <div className={classes.row}>
      <div style={{ minWidth: 0 }}>{main}</div>
      <div style={{ flexShrink: 0, textAlign: 'end' }}>{side}</div>
    </div>
  );
}

const ticketFileUrl = (ticketId: string, id: string) =>
  `${API_PREFIX}/tickets/${encodeURIComponent(ticketId)}/files/${encodeURIComponent(id)}`;

/** The contact's chats, tickets, visitors and files over time, newest first. */
export function ContactActivity({ page }: { page: Page }) {
  return (
    <Stack gap="md">
      <ChatsSection page={page} />
      <TicketsSection page={page} />
      <VisitorsSection page={page} />
      <FilesSection page={page} />
    </Stack>
  );
}

function ChatsSection({ page }: { page: Page }) {
  return (
    <Section title="Chats" empty="No chats you may open.">
      {page.conversations.map((c) => (
        <Row
          key={c.id}
          main={
            <>
              <Anchor
                href={routeHref({ page: 'archive', conversationId: c.id })}
                size="sm"
                dir="auto"
              >
                {c.title ?? c.firstMessage ?? c.lastMessage ?? 'Chat'}
              </Anchor>
              <Text size="xs" c="dimmed">
                {formatDateTime(c.createdAt)}
                {c.assigneeName ? ` · ${c.assigneeName}` : ''}
              </Text>
            </>
          }
          side={
            <Badge size="sm" variant="light" color={conversationStatusMeta[c.status].color}>
              {conversationStatusMeta[c.status].label}
            </Badge>
          }
        />
      ))}
    </Section>
  );
}

function TicketsSection({ page }: { page: Page }) {
  return (
    <Section title="Tickets" empty="No tickets you may open.">
      {page.tickets.map((t) => (
        <Row
          key={t.id}
          main={
            <>
              <Anchor href={routeHref({ page: 'tickets', ticketId: t.id })} size="sm" dir="auto">
                {t.subject ?? t.message.slice(0, 80)}
              </Anchor>
              <Text size="xs" c="dimmed">
                {formatDateTime(t.createdAt)}
              </Text>
            </>
          }
          side={
            <Badge size="sm" variant="light" color={ticketStatusMeta[t.status].color}>
              {ticketStatusMeta[t.status].label}
            </Badge>
          }
        />
      ))}
    </Section>
  );
}

function VisitorsSection({ page }: { page: Page }) {
  return (
    <Section title="Visitors" empty="No visitor is linked.">
      {page.visitors.map((v) => (
        <Row
          key={v.id}
          main={
            <Text size="sm" dir="auto">
              {v.name ?? v.code}
              {v.email ? ` · ${v.email}` : ''}
            </Text>
          }
          side={
            <Text size="xs" c="dimmed">
              Last seen {formatDateTime(v.lastSeenAt)}
            </Text>
          }
        />
      ))}
    </Section>
  );
}

function FilesSection({ page }: { page: Page }) {
  return (
    <Section title="Files" empty="No files.">
      {page.files.map((f) => (
        <Row
          key={f.id}
          main={
            <Anchor
              href={f.ticketId ? ticketFileUrl(f.ticketId, f.id) : fileUrl(f.id)}
              size="sm"
              dir="auto"
            >
              {f.name}
            </Anchor>
          }
          side={
            <Text size="xs" c="dimmed">
              {formatBytes(f.size)} · {formatDateTime(f.createdAt)}
            </Text>
          }
        />
      ))}
    </Section>
  );
}
