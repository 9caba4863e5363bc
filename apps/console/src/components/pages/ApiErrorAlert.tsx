import { Alert, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError } from '../../api/http';

/** What a failed request means, in the server's words, with field problems listed. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : 'Something went wrong.';
}

export function errorDetails(err: unknown): Readonly<Record<string, string>> {
  return err instanceof ApiError ? err.details : {};
}

export function ApiErrorAlert({ error, onClose }: { error: unknown; onClose?: () => void }) {
  if (!error) return null;
  const details = Object.entries(errorDetails(error));
  return (
    <Alert
      color="red"
      variant="light"
      role="alert"
      icon={<IconAlertTriangle size={18} />}
      withCloseButton={Boolean(onClose)}
      closeButtonLabel="Dismiss"
      onClose={onClose}
    >
      {errorMessage(error)}
      {details.length > 0 && (
        <List size="sm" mt={4}>
          {details.map(([field, problem]) => (
            <List.Item key={field}>{field === '_' ? problem : `${field}: ${problem}`}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
