import { Group, Text } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';

/** "Saved", next to a settings form's buttons once its changes are stored. */
export function SavedMark() {
  return (
    <Group gap={4} c="green.8" role="status">
      <IconCheck size={16} aria-hidden />
      <Text size="sm">Saved</Text>
    </Group>
  );
}
