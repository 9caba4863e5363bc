import { Group, Radio, ScrollArea, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { loadLabel, sortTeam } from '../../client/team/team';
import { useConsoleState } from '../../context';
import { agentStatusMeta } from '../../statusMeta';
import { StatusDot } from '../header/StatusDot';

interface AgentChoiceProps {
  label: string;
  value: string | null;
  onChange: (agentId: string) => void;
  /** Agents who cannot be picked here (the current owner, people already in the chat). */
  exclude: readonly string[];
}

/** Colleagues as a list of radio rows: status, load and name, available ones first. */
export function AgentChoice({ label, value, onChange, exclude }: AgentChoiceProps) {
  const { team, me } = useConsoleState();
  const members = useMemo(
    () => sortTeam(team.members.filter((m) => !exclude.includes(m.agent.id))),
    [team.members, exclude],
  );

  if (team.refreshedAt === 0 && !team.error) {
    return (
      <Text size="sm" c="dimmed">
        Loading colleagues…
      </Text>
    );
  }
  if (members.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {team.error ?? 'There is nobody else to pick.'}
      </Text>
    );
  }

  return (
    <Radio.Group label={label} value={value} onChange={onChange}>
      <ScrollArea.Autosize mah={260} type="auto" mt={6}>
        <Stack gap={4}>
          {members.map((m) => {
            const load = loadLabel(m);
            const status = agentStatusMeta[m.agent.status].label;
            const offline = m.connected === false && m.agent.status !== 'offline';
            return (
              <Radio
                key={m.agent.id}
                value={m.agent.id}
                styles={{ body: { alignItems: 'center' }, labelWrapper: { flex: 1 } }}
                label={
                  <Group justify="space-between" wrap="nowrap" gap="sm">
                    <Group gap={8} wrap="nowrap" miw={0}>
                      <StatusDot status={m.agent.status} />
                      <Text size="sm" fw={500} truncate>
                        {m.agent.name}
                        {m.agent.id === me.id ? ' (you)' : ''}
                      </Text>
                      <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
                        {status}
                        {offline ? ' · not connected' : ''}
                      </Text>
                    </Group>
                    {load && (
                      <Text
                        size="xs"
                        c="dimmed"
                        style={{ flex: 'none' }}
                        aria-label={`${load} chats`}
                      >
                        {load}
                      </Text>
                    )}
                  </Group>
                }
              />
            );
          })}
        </Stack>
      </ScrollArea.Autosize>
    </Radio.Group>
  );
}
