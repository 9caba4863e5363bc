import { Badge, Group, ScrollArea, Text, Title } from '@mantine/core';
import type { Department } from '@parley/protocol';
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
  const { client, api } = useConsole();
  const state = useConsoleState();
  const now = useNow(30_000);
  const supervisor = isSupervisor(state.me);
  const [departments, setDepartments] = useState<Department[]>([]);

  useEffect(() => client.watchTeam(), [client]);
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
  const names = useMemo(
    () => new Map(state.team.members.map((m) => [m.agent.id, m.agent.name])),
    [state.team.members],
  );
  const all = Object.values(state.conversations);
  const waiting = all.filter(isWaiting).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  const chatting = all
    .filter((c) => c.status === 'active')
    .sort((a, b) => (a.acceptedAt ?? '').localeCompare(b.acceptedAt ?? ''));
  const onlineCount = members.filter((m) => m.agent.status === 'online').length;

  const open = (id: string) => {
    client.select(id);
    navigate({ page: 'chats' });
  };

  return (
    <ScrollArea h="100%" type="hover" component="div" aria-label="Team">
      <div className={classes.wrap}>
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

        <Section title="Waiting" count={waiting.length} countLabel={`${waiting.length} waiting`}>
          {waiting.length === 0 ? (
            <Text size="sm" c="dimmed" px="xs">
              Nobody is waiting.
            </Text>
          ) : (
            <ul className={classes.list}>
              {waiting.map((c) => (
                <li key={c.id}>
                  <CustomerRow
                    conversation={c}
                    kind="waiting"
                    now={now}
                    names={names}
                    onOpen={open}
                    declined={Boolean(state.rejected[c.id])}
                  />
                </li>
              ))}
            </ul>
          )}
        </Section>

        <Section
          title="Chatting"
          count={chatting.length}
          countLabel={`${chatting.length} chatting`}
        >
          {chatting.length === 0 ? (
            <Text size="sm" c="dimmed" px="xs">
              No chats in progress.
            </Text>
          ) : (
            <ul className={classes.list}>
              {chatting.map((c) => (
                <li key={c.id}>
                  <CustomerRow
                    conversation={c}
                    kind="chatting"
                    now={now}
                    names={names}
                    onOpen={open}
                  />
                </li>
              ))}
            </ul>
          )}
          {!supervisor && (
            <Text size="xs" c="dimmed" px="xs" mt={4}>
              Chats you are in. Supervisors see everyone&apos;s.
            </Text>
          )}
        </Section>
      </div>
    </ScrollArea>
  );
}
