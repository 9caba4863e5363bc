import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconMessageChatbot } from '@tabler/icons-react';

export function Wordmark({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const large = size === 'lg';
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={large ? 36 : 28} radius="md" variant="filled" aria-hidden>
        <IconMessageChatbot size={large ? 22 : 18} stroke={1.8} />
      </ThemeIcon>
      <Text fw={700} fz={large ? 24 : 18} lh={1} style={{ letterSpacing: '-0.02em' }}>
        Parley
      </Text>
    </Group>
  );
}
