import { Button, Group, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import { useConsole } from '../../context';

interface CloseChatModalProps {
  opened: boolean;
  conversationId: string;
  onClosed: () => void;
  onCancel: () => void;
}

/** Closing ends the visitor's chat for good, so it is confirmed first. */
export function CloseChatModal({
  opened,
  conversationId,
  onClosed,
  onCancel,
}: CloseChatModalProps) {
  const { client } = useConsole();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function close() {
    setBusy(true);
    setError(null);
    const result = await client.close(conversationId);
    setBusy(false);
    if (result.ok) onClosed();
    else setError(result.message);
  }

  return (
    <Modal
      opened={opened}
      onClose={onCancel}
      title="Close this chat?"
      centered
      size="sm"
      radius="lg"
      withCloseButton={false}
    >
      <Text size="sm" c="dimmed">
        The visitor still has the chat open. They are told it has ended and can no longer reply
        here.
      </Text>
      {error && (
        <Text size="sm" c="red.7" mt="sm" role="alert">
          {error}
        </Text>
      )}
      <Group justify="flex-end" mt="lg" gap="sm">
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button color="red" onClick={close} loading={busy} data-autofocus>
          Close
        </Button>
      </Group>
    </Modal>
  );
}
