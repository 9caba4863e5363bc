import { Center, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';

/** Shown when no chat is open: says what is waiting and where to start. */
export function EmptyState({ waiting }: { waiting: number }) {
  const queue =
    waiting === 0
      ? 'Nobody is waiting right now.'
      : waiting === 1
        ? '1 visitor is waiting for an answer.'
        : `${waiting} visitors are waiting for an answer.`;

  return (
    <Center flex={1} bg="gray.0">
      <Stack align="center" gap="xs" maw={360} ta="center">
        <ThemeIcon
          size={64}
          radius="xl"
          variant="light"
          color={waiting > 0 ? 'orange' : 'indigo'}
          aria-hidden
        >
          <IconMessages size={34} stroke={1.5} />
        </ThemeIcon>
        <Title order={2} fz="lg" mt="xs">
          No chat selected
        </Title>
        <Text c={waiting > 0 ? 'orange.9' : 'dimmed'} fw={waiting > 0 ? 600 : 400} size="sm">
          {queue}
        </Text>
        <Text c="dimmed" size="sm">
          Pick a chat from the list on the left to read and reply.
        </Text>
      </Stack>
    </Center>
  );
}
