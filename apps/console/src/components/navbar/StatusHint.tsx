import { Button, Group, Paper, Text } from '@mantine/core';
import { useConsole, useConsoleState } from '../../context';
import { agentStatusMeta } from '../../statusMeta';
import { StatusDot } from '../header/StatusDot';

/**
 * A reminder at the top of the worklist while the agent is not taking new chats: after sign-in
 * or a break it is easy to forget, and visitors then wait for nobody.
 */
export function StatusHint() {
  const { client } = useConsole();
  const { me } = useConsoleState();
  if (me.status === 'online') return null;

  const text =
    me.status === 'away'
      ? 'You keep your chats; no new ones come in.'
      : 'No new chats come to you.';
  return (
    <Paper m="xs" mb={0} px="sm" py={8} radius="md" bg="gray.1" role="status">
      <Group gap={8} wrap="nowrap" align="flex-start">
        <div style={{ paddingTop: 5 }}>
          <StatusDot status={me.status} size={9} />
        </div>
        <div style={{ flex: 1, minWidth: 0 }}>
          <Text size="xs" fw={600}>
            You are {agentStatusMeta[me.status].label}
          </Text>
          <Text size="xs" c="dimmed">
            {text}
          </Text>
        </div>
        <Button size="compact-xs" variant="light" onClick={() => void client.setStatus('online')}>
          Go online
        </Button>
      </Group>
    </Paper>
  );
}
