import { Button, Group, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

/** Under a message that did not go out: why, and Retry / Discard. */
export function SendFailed(props: { reason: string; onRetry: () => void; onDiscard: () => void }) {
  return (
    <Group gap={6} mt={4} wrap="nowrap" role="alert">
      <IconAlertCircle size={14} color="var(--mantine-color-red-7)" aria-hidden />
      <Text size="xs" c="red.8">
        {props.reason}
      </Text>
      <Button size="compact-xs" variant="light" color="red" onClick={props.onRetry}>
        Retry
      </Button>
      <Button size="compact-xs" variant="subtle" color="gray" onClick={props.onDiscard}>
        Discard
      </Button>
    </Group>
  );
}
