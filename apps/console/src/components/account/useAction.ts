import { useState } from 'react';
import { ApiError } from '../../api/http';

/**
 * One request behind a form: `run` shows the busy state, clears the last error, and keeps the
 * server's message (or a generic one) when it fails. Resolves true when it went through.
 */
export function useAction(fallback = 'Something went wrong. Try again.') {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : fallback);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}
