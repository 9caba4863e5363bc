import { Badge, Button, HoverCard, Stack, Text, UnstyledButton } from '@mantine/core';
import type { Department } from '@parley/protocol';
import { IconMessage } from '@tabler/icons-react';
import type { TeamMember } from '../../client/core/state';
import { unreadDirectCount } from '../../client/conversations/selectors';
import { loadLabel } from '../../client/team/team';
import { useConsoleState } from '../../context';
import { roleMeta } from '../../labels';
import { agentStatusMeta } from '../../statusMeta';
import { StatusDot } from '../header/StatusDot';
import classes from './TeamPanel.module.css';

interface AgentRowProps {
  member: TeamMember;
  isMe: boolean;
  departments: Department[];
  onMessage: () => void;
}

/** A colleague: status dot, name, load "2 / 5", a card with details on hover, and Message. */
export function AgentRow({ member: m, isMe, departments, onMessage }: AgentRowProps) {
  const state = useConsoleState();
  const load = loadLabel(m);
  const unread = isMe ? 0 : unreadDirectCount(state, m.agent.id);
  const status = agentStatusMeta[m.agent.status].label;
  const notConnected = m.connected === false && m.agent.status !== 'offline';
  const depts = departments.filter((d) => d.memberIds.includes(m.agent.id)).map((d) => d.name);
  const full = m.activeChats !== null && m.maxChats !== null && m.activeChats >= m.maxChats;

  return (
    <div className={classes.row}>
      <HoverCard width={260} shadow="md" position="left" openDelay={250} withArrow>
        <HoverCard.Target>
          <UnstyledButton
            className={classes.rowButton}
            aria-label={`${m.agent.name}${isMe ? ' (you)' : ''}, ${status}${load ? `, ${load} chats` : ''}`}
          >
            <StatusDot status={m.agent.status} />
            <Stack gap={0} miw={0} style={{ flex: 1 }}>
              <Text size="sm" fw={500} truncate>
                {m.agent.name}
                {isMe ? ' (you)' : ''}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {status}
                {notConnected ? ' · not connected' : ''}
              </Text>
            </Stack>
            {load && (
              <Text size="xs" fw={600} c={full ? 'red.7' : 'gray.7'} className={classes.load}>
                {load}
              </Text>
            )}
          </UnstyledButton>
        </HoverCard.Target>
        <HoverCard.Dropdown>
          <AgentFacts member={m} load={load} full={full} departments={depts} />
        </HoverCard.Dropdown>
      </HoverCard>
      {!isMe && <MessageButton name={m.agent.name} unread={unread} onClick={onMessage} />}
    </div>
  );
}

interface FactsProps {
  member: TeamMember;
  load: string | null;
  full: boolean;
  departments: readonly string[];
}

/** The hover card: role, status and connection, load, and departments. */
function AgentFacts({ member: m, load, full, departments }: FactsProps) {
  return (
    <>
      <Text fw={600} size="sm">
        {m.agent.name}
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        {m.agent.email}
      </Text>
      <dl className={classes.card} style={{ margin: 0 }}>
        <dt>Role</dt>
        <dd>{roleMeta[m.agent.role].label}</dd>
        <dt>Status</dt>
        <dd>
          {agentStatusMeta[m.agent.status].label}
          {m.connected === null ? '' : m.connected ? ' · connected' : ' · not connected'}
        </dd>
        {load && (
          <>
            <dt>Chats</dt>
            <dd>
              {load}
              {full ? ' (full)' : ''}
            </dd>
          </>
        )}
        <dt>Departments</dt>
        <dd>{departments.length > 0 ? departments.join(', ') : 'None'}</dd>
      </dl>
    </>
  );
}

/** Opens the direct chat; shows how many of their messages are unread. */
function MessageButton({
  name,
  unread,
  onClick,
}: {
  name: string;
  unread: number;
  onClick: () => void;
}) {
  return (
    <Button
      size="compact-xs"
      variant={unread > 0 ? 'light' : 'subtle'}
      color="indigo"
      leftSection={<IconMessage size={13} aria-hidden />}
      rightSection={
        unread > 0 ? (
          <Badge size="xs" circle={unread < 10} color="indigo">
            {unread}
          </Badge>
        ) : null
      }
      onClick={onClick}
      aria-label={`Message ${name}${unread > 0 ? `, ${unread} unread` : ''}`}
      style={{ flex: 'none' }}
    >
      Message
    </Button>
  );
}
