import { Alert } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

/** A failed action in the chat header, in words, until dismissed. */
export function ActionError({ message, onDismiss }: { message: string; onDismiss: () => void }) {
  return (
    <Alert
      mt="xs"
      py={6}
      color="red"
      variant="light"
      role="alert"
      icon={<IconAlertTriangle size={16} />}
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onDismiss}
    >
      {message}
    </Alert>
  );
}
