import { Badge, Group, ScrollArea, Text, Title } from '@mantine/core';
import type { Conversation, Department } from '@parley/protocol';
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { isSupervisor, isWaiting } from '../../client/conversations/conversations';
import { sortTeam } from '../../client/team/team';
import { useConsole, useConsoleState } from '../../context';
import { useNow } from '../../hooks/useNow';
import { navigate } from '../../hooks/useRoute';
import { AgentRow } from './AgentRow';
import { CustomerRow } from './CustomerRow';
import classes from './TeamPanel.module.css';

function Section(props: { title: string; count: number; countLabel: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={classes.section}>
      <Group justify="space-between" wrap="nowrap" className={classes.header}>
        <Title order={3} id={id} className={classes.title}>
          {props.title}
        </Title>
        <Badge
          size="md"
          variant="light"
          color="gray"
          circle={props.count < 10}
          aria-label={props.countLabel}
        >
          {props.count}
        </Badge>
      </Group>
      {props.children}
    </section>
  );
}

/**
 * Who is on and how busy they are, who is waiting and who is chatting. Supervisors see every
 * agent's load and every chat; agents see colleagues' status and their own chats.
 */
export function TeamPanel() {
  const { client } = useConsole();
  const state = useConsoleState();
  const now = useNow(30_000);

  useEffect(() => client.watchTeam(), [client]);

  const names = useMemo(
    () => new Map(state.team.members.map((m) => [m.agent.id, m.agent.name])),
    [state.team.members],
  );
  const all = Object.values(state.conversations);
  const waiting = all.filter(isWaiting).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  const chatting = all
    .filter((c) => c.status === 'active')
    .sort((a, b) => (a.acceptedAt ?? '').localeCompare(b.acceptedAt ?? ''));
  const rows = { now, names };

  return (
    <ScrollArea h="100%" type="hover" component="div" aria-label="Team">
      <div className={classes.wrap}>
        <AgentsSection />
        <CustomerSection title="Waiting" kind="waiting" list={waiting} {...rows} />
        <CustomerSection title="Chatting" kind="chatting" list={chatting} {...rows}>
          {!isSupervisor(state.me) && (
            <Text size="xs" c="dimmed" px="xs" mt={4}>
              Chats you are in. Supervisors see everyone&apos;s.
            </Text>
          )}
        </CustomerSection>
      </div>
    </ScrollArea>
  );
}

/** Colleagues, most able to help first, with their departments and a way to message them. */
function AgentsSection() {
  const { client, api } = useConsole();
  const state = useConsoleState();
  const [departments, setDepartments] = useState<Department[]>([]);
  useEffect(() => {
    let cancelled = false;
    api.listDepartments().then(
      (list) => !cancelled && setDepartments(list),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api]);

  const members = useMemo(() => sortTeam(state.team.members), [state.team.members]);
  const onlineCount = members.filter((m) => m.agent.status === 'online').length;
  return (
    <Section
      title="Agents"
      count={onlineCount}
      countLabel={`${onlineCount} of ${members.length} online`}
    >
      {state.team.error && (
        <Text size="xs" c="red.7" px="xs" role="alert">
          {state.team.error}
        </Text>
      )}
      {members.length === 0 && !state.team.error && (
        <Text size="sm" c="dimmed" px="xs">
          {state.team.refreshedAt ? 'Nobody yet.' : 'Loading…'}
        </Text>
      )}
      <ul className={classes.list}>
        {members.map((m) => (
          <li key={m.agent.id}>
            <AgentRow
              member={m}
              isMe={m.agent.id === state.me.id}
              departments={departments}
              onMessage={() => client.openDirect(m.agent.id)}
            />
          </li>
        ))}
      </ul>
    </Section>
  );
}

interface CustomerSectionProps {
  title: string;
  kind: 'waiting' | 'chatting';
  list: readonly Conversation[];
  now: number;
  names: ReadonlyMap<string, string>;
  /** Shown under the list. */
  children?: ReactNode;
}

/** Visitors waiting for an answer, or in a chat; a click opens the chat. */
function CustomerSection({ title, kind, list, now, names, children }: CustomerSectionProps) {
  const { client } = useConsole();
  const { rejected } = useConsoleState();
  const open = (id: string) => {
    client.select(id);
    navigate({ page: 'chats' });
  };
  return (
    <Section title={title} count={list.length} countLabel={`${list.length} ${kind}`}>
      {list.length === 0 ? (
        <Text size="sm" c="dimmed" px="xs">
          {kind === 'waiting' ? 'Nobody is waiting.' : 'No chats in progress.'}
        </Text>
      ) : (
        <ul className={classes.list}>
          {list.map((c) => (
            <li key={c.id}>
              <CustomerRow
                conversation={c}
                kind={kind}
                now={now}
                names={names}
                onOpen={open}
                declined={kind === 'waiting' ? Boolean(rejected[c.id]) : undefined}
              />
            </li>
          ))}
        </ul>
      )}
      {children}
    </Section>
  );
}
