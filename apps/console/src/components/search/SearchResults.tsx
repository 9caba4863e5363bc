import { Anchor, Group, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import type {
  MessageSearchHit,
  SearchChat,
  SearchGroup,
  TicketSearchHit,
  VisitorSearchHit,
} from '@parley/protocol';
import { useState, type ReactNode } from 'react';
import { formatDateTime } from '../../format';
import type { Found } from './useSearch';
import { TagBadges } from '../tags/TagBadge';
import { Highlight } from './Highlight';
import classes from './SearchResults.module.css';

/** A chat (at a message) or a ticket to open. */
export type SearchPick = { chatId: string; messageId?: string } | { ticketId: string };

type Kind = 'chats' | 'messages' | 'visitors' | 'tickets';

interface Props {
  found: Found;
  onPick: (pick: SearchPick) => void;
  onMore: (kind: Kind) => Promise<void>;
}

interface GroupProps<T> {
  group: SearchGroup<T>;
  onPick: Props['onPick'];
  onMore: Props['onMore'];
}

const visitorName = (c: SearchChat) => c.visitor.name ?? `Visitor ${c.visitor.code}`;
/** A renamed chat goes by its title. */
const chatName = (c: SearchChat) => c.title ?? visitorName(c);

function Section(props: {
  title: string;
  kind: Kind;
  hasMore: boolean;
  onMore: Props['onMore'];
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <section aria-label={props.title} className={classes.section}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="xs" pb={4}>
        {props.title}
      </Text>
      <Stack gap={0}>{props.children}</Stack>
      {props.hasMore && (
        <Anchor
          component="button"
          size="sm"
          px="sm"
          py={6}
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void props.onMore(props.kind).finally(() => setBusy(false));
          }}
        >
          {busy ? 'Loading…' : `More ${props.title.toLowerCase()}`}
        </Anchor>
      )}
    </section>
  );
}

function Row(props: { label: string; onClick?: () => void; children: ReactNode }) {
  return (
    <UnstyledButton
      className={classes.row}
      aria-label={props.label}
      onClick={props.onClick}
      disabled={!props.onClick}
    >
      {props.children}
    </UnstyledButton>
  );
}

function MessageHits({ group: messages, onPick, onMore }: GroupProps<MessageSearchHit>) {
  return (
    <Section title="Messages" kind="messages" hasMore={messages.hasMore} onMore={onMore}>
      {messages.items.map((m) => (
        <Row
          key={m.id}
          label={`Message in chat with ${chatName(m.chat)}: ${m.snippet.text}`}
          onClick={() => onPick({ chatId: m.chat.id, messageId: m.id })}
        >
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="xs" fw={600} truncate>
              {chatName(m.chat)}
              {m.visibility === 'private' && <span className={classes.note}>Private note</span>}
            </Text>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {formatDateTime(m.createdAt)}
            </Text>
          </Group>
          <Text size="sm" lineClamp={2} dir="auto" className={classes.snippet}>
            <Highlight value={m.snippet} />
          </Text>
        </Row>
      ))}
    </Section>
  );
}

function ChatHits({ group: chats, onPick, onMore }: GroupProps<SearchChat>) {
  return (
    <Section title="Chats" kind="chats" hasMore={chats.hasMore} onMore={onMore}>
      {chats.items.map((c) => (
        <Row key={c.id} label={`Chat with ${chatName(c)}`} onClick={() => onPick({ chatId: c.id })}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" fw={600} truncate>
              {chatName(c)}
            </Text>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {formatDateTime(c.createdAt)}
            </Text>
          </Group>
          {c.tags.length > 0 && (
            <Group gap={4} wrap="nowrap" mt={2} style={{ overflow: 'hidden' }}>
              <TagBadges tags={c.tags} />
            </Group>
          )}
          <Text size="xs" c="dimmed" truncate>
            {c.title ? `${visitorName(c)} · ` : ''}
            {c.siteName} ·{' '}
            {c.status === 'closed' ? 'Closed' : c.status === 'active' ? 'Active' : 'Waiting'}
            {c.assigneeName ? ` · ${c.assigneeName}` : ''}
          </Text>
        </Row>
      ))}
    </Section>
  );
}

function VisitorHits({ group: visitors, onPick, onMore }: GroupProps<VisitorSearchHit>) {
  return (
    <Section title="Visitors" kind="visitors" hasMore={visitors.hasMore} onMore={onMore}>
      {visitors.items.map((v) => (
        <Row
          key={v.id}
          label={`Visitor ${v.name ?? v.code}`}
          onClick={v.lastChatId ? () => onPick({ chatId: v.lastChatId! }) : undefined}
        >
          <Text size="sm" fw={600} truncate>
            {v.name ?? `Visitor ${v.code}`}
          </Text>
          <Text size="xs" c="dimmed" truncate>
            {[v.email, v.code, `last seen ${formatDateTime(v.lastSeenAt)}`]
              .filter(Boolean)
              .join(' · ')}
            {v.lastChatId ? '' : ' · no chats'}
          </Text>
        </Row>
      ))}
    </Section>
  );
}

function TicketHits({ group: tickets, onPick, onMore }: GroupProps<TicketSearchHit>) {
  return (
    <Section title="Tickets" kind="tickets" hasMore={tickets.hasMore} onMore={onMore}>
      {tickets.items.map((tk) => (
        <Row
          key={tk.id}
          label={`Ticket ${tk.subject.text}`}
          onClick={() => onPick({ ticketId: tk.id })}
        >
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" fw={600} truncate dir="auto">
              <Highlight value={tk.subject} />
            </Text>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {formatDateTime(tk.createdAt)}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" truncate>
            {[tk.name, tk.email, tk.status].filter(Boolean).join(' · ')}
          </Text>
        </Row>
      ))}
    </Section>
  );
}

/** The grouped hits of a search; each opens what it names. */
export function SearchResults({ found, onPick, onMore }: Props) {
  if (found.state === 'failed')
    return (
      <Text size="sm" c="red.8" p="sm" role="alert">
        {found.message}
      </Text>
    );
  if (found.state !== 'done')
    return (
      <Text size="sm" c="dimmed" p="sm">
        Searching…
      </Text>
    );
  const { messages, chats, visitors, tickets } = found.results;
  if (![messages, chats, visitors, tickets].some((g) => g.items.length > 0))
    return (
      <Text size="sm" c="dimmed" p="sm" role="status">
        Nothing found for “{found.q}”.
      </Text>
    );
  return (
    <ScrollArea.Autosize mah="min(70vh, 560px)" type="auto">
      {messages.items.length > 0 && (
        <MessageHits group={messages} onPick={onPick} onMore={onMore} />
      )}
      {chats.items.length > 0 && <ChatHits group={chats} onPick={onPick} onMore={onMore} />}
      {visitors.items.length > 0 && (
        <VisitorHits group={visitors} onPick={onPick} onMore={onMore} />
      )}
      {tickets.items.length > 0 && <TicketHits group={tickets} onPick={onPick} onMore={onMore} />}
    </ScrollArea.Autosize>
  );
}
