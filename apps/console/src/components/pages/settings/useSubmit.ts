import { useState } from 'react';
import { errorDetails } from '../ApiErrorAlert';

/**
 * The request behind a settings form: busy while it runs, and what the server refused, with
 * its per-field messages, when it fails. `fields` may also hold messages the form sets itself.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [own, setOwn] = useState<Record<string, string>>({});
  const run = async (action: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(null);
    setOwn({});
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return {
    busy,
    error,
    fields: { ...errorDetails(error), ...own },
    /** A message for one field, found before asking the server (it clears on the next run). */
    setField: (name: string, message: string) => setOwn({ [name]: message }),
    clearError: () => setError(null),
    run,
  };
}

export type SubmitState = ReturnType<typeof useSubmit>;
