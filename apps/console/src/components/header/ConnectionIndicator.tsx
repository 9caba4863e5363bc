import { Badge, Loader } from '@mantine/core';
import { useConsoleState } from '../../context';

/** Silent while connected; says so plainly when messages may be delayed. */
export function ConnectionIndicator() {
  const { connection } = useConsoleState();
  if (connection === 'connected') return null;
  const label = connection === 'connecting' ? 'Connecting…' : 'Reconnecting…';
  return (
    <Badge
      role="status"
      color={connection === 'connecting' ? 'gray' : 'orange'}
      variant="light"
      size="lg"
      leftSection={<Loader size={10} color="currentColor" />}
    >
      {label}
    </Badge>
  );
}
