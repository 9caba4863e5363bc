import {
  ActionIcon,
  Button,
  Center,
  Group,
  Loader,
  Text,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import type { DirectMessage } from '@parley/protocol';
import { IconArrowLeft, IconSend2 } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { pendingDirectsFor } from '../../client/direct/direct';
import type { PendingDirect, TeamMember } from '../../client/core/state';
import { SendFailed } from '../chat/SendFailed';
import { useConsole, useConsoleState } from '../../context';
import { formatClock, formatDateTime } from '../../format';
import { useStickToBottom } from '../../hooks/useStickToBottom';
import { MAX_MESSAGE_CHARS } from '../../limits';
import { roleMeta } from '../../labels';
import { agentStatusMeta } from '../../statusMeta';
import bubble from '../chat/MessageBubble.module.css';
import view from '../chat/ChatView.module.css';
import list from '../chat/MessageList.module.css';
import composer from '../chat/Composer.module.css';
import header from '../chat/ChatHeader.module.css';
import { StatusDot } from '../header/StatusDot';

/** A chat with one colleague, outside any visitor conversation. */
export function DirectChatView({ agentId }: { agentId: string }) {
  const state = useConsoleState();
  const member = state.team.members.find((m) => m.agent.id === agentId);
  const name = member?.agent.name ?? 'Colleague';
  const messages = state.directs[agentId] ?? [];
  const pending = useMemo(() => pendingDirectsFor(state, agentId), [state, agentId]);
  const loading = !state.directLoaded[agentId] && messages.length === 0;
  const viewport = useRef<HTMLDivElement>(null);
  const { scrollToBottom } = useStickToBottom(
    viewport,
    `${messages.length}:${pending.length}:${loading}`,
    agentId,
  );

  return (
    <section className={view.view} aria-label={`Direct chat with ${name}`}>
      <DirectHeader member={member} name={name} />
      <div className={list.wrapper}>
        <div
          ref={viewport}
          className={list.viewport}
          role="log"
          aria-label="Messages"
          aria-live="polite"
        >
          {loading && (
            <Center py="xl">
              <Loader size="sm" aria-label="Loading messages" />
            </Center>
          )}
          {!loading && messages.length === 0 && pending.length === 0 && (
            <Text ta="center" c="dimmed" size="sm" py="xl">
              No messages with {name} yet. Say hello.
            </Text>
          )}
          {messages.map((m, i) => (
            <DirectBubble key={m.id} m={m} previous={messages[i - 1]} peerName={name} />
          ))}
          {pending.map((p) => (
            <PendingDirectBubble key={p.clientId} p={p} />
          ))}
        </div>
      </div>
      <DirectComposer agentId={agentId} name={name} onSent={scrollToBottom} />
    </section>
  );
}

/** Back to the visitor chat, and who the colleague is. */
function DirectHeader({ member, name }: { member: TeamMember | undefined; name: string }) {
  const { client } = useConsole();
  const { selectedId } = useConsoleState();
  const backTo = selectedId ? 'Back to the visitor chat' : 'Close direct chat';
  return (
    <header className={header.header}>
      <Group gap="sm" wrap="nowrap">
        <Tooltip label={backTo}>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={backTo}
            onClick={() => client.openDirect(null)}
          >
            <IconArrowLeft size={18} />
          </ActionIcon>
        </Tooltip>
        {member && <StatusDot status={member.agent.status} />}
        <div style={{ minWidth: 0 }}>
          <Title order={2} fz="lg" lh={1.25} lineClamp={1}>
            {name}
          </Title>
          <Text size="xs" c="dimmed">
            Direct message
            {member
              ? ` · ${roleMeta[member.agent.role].label} · ${agentStatusMeta[member.agent.status].label}`
              : ''}
            {' · the visitor never sees this'}
          </Text>
        </div>
      </Group>
    </header>
  );
}

interface BubbleProps {
  m: DirectMessage;
  previous: DirectMessage | undefined;
  peerName: string;
}

function DirectBubble({ m, previous, peerName }: BubbleProps) {
  const { me } = useConsoleState();
  const mine = m.senderId === me.id;
  const start = previous?.senderId !== m.senderId;
  return (
    <div
      className={bubble.row}
      data-side={mine ? 'agent' : 'visitor'}
      data-group-start={start || undefined}
    >
      {start && (
        <Text component="div" size="xs" fw={600} c="gray.7" className={bubble.author}>
          {mine ? me.name : peerName}
        </Text>
      )}
      <div className={bubble.bubble} data-tone={mine ? 'mine' : undefined}>
        <div className={bubble.body} dir="auto">
          {m.body}
        </div>
        <div className={bubble.meta}>
          <time dateTime={m.createdAt} title={formatDateTime(m.createdAt)}>
            {formatClock(m.createdAt)}
          </time>
        </div>
      </div>
    </div>
  );
}

/** A message on its way, or one that failed with Retry and Discard. */
function PendingDirectBubble({ p }: { p: PendingDirect }) {
  const { client } = useConsole();
  return (
    <div className={bubble.row} data-side="agent">
      <div
        className={bubble.bubble}
        data-tone="mine"
        style={{ opacity: p.state === 'failed' ? 1 : 0.65 }}
      >
        <div className={bubble.body} dir="auto">
          {p.body}
        </div>
        <div className={bubble.meta}>{p.state === 'failed' ? 'Not sent' : 'Sending…'}</div>
      </div>
      {p.state === 'failed' && (
        <SendFailed
          reason={p.error?.message ?? 'Not sent'}
          onRetry={() => client.retryDirect(p.clientId)}
          onDiscard={() => client.discardDirect(p.clientId)}
        />
      )}
    </div>
  );
}

/** The reply box of a direct chat: Enter sends, Shift+Enter starts a new line. */
function DirectComposer(props: { agentId: string; name: string; onSent: () => void }) {
  const { client } = useConsole();
  const { agentId } = props;
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);

  useEffect(() => input.current?.focus(), [agentId]);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!text.trim()) return;
    client.sendDirect(agentId, text);
    setText('');
    props.onSent();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    if (event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    submit();
  }

  return (
    <div className={view.footer} style={{ paddingTop: 'var(--mantine-spacing-sm)' }}>
      <form onSubmit={submit} className={composer.form}>
        <Textarea
          ref={input}
          aria-label="Message"
          placeholder={`Message ${props.name}…`}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={onKeyDown}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={MAX_MESSAGE_CHARS}
          variant="unstyled"
          classNames={{ input: composer.input }}
        />
        <Group justify="space-between" gap="sm" className={composer.bar}>
          <Text size="xs" c="dimmed">
            Enter to send · Shift+Enter for a new line
          </Text>
          <Button
            type="submit"
            disabled={!text.trim()}
            rightSection={<IconSend2 size={16} aria-hidden />}
          >
            Send
          </Button>
        </Group>
      </form>
    </div>
  );
}
