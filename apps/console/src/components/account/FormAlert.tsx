import { Alert } from '@mantine/core';

/** A form's outcome: what went wrong (red, announced at once) or what was done (green). */
export function FormAlert({ error, done }: { error?: string | null; done?: string | null }) {
  if (error)
    return (
      <Alert color="red" variant="light" role="alert">
        {error}
      </Alert>
    );
  if (done)
    return (
      <Alert color="green" variant="light" role="status">
        {done}
      </Alert>
    );
  return null;
}
