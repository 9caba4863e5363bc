import { useEffect, useState } from 'react';

/**
 * A settings form's two copies: what the server holds (`saved`, loaded once) and what the
 * reader is editing (`draft`). `store` takes what a save returned and starts editing afresh.
 * `load` must keep its identity between renders (useCallback): a new one loads again.
 */
export function useSavedDraft<S, D>(load: () => Promise<S>, toDraft: (saved: S) => D) {
  const [saved, setSaved] = useState<S | null>(null);
  const [draft, setDraft] = useState<D | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let cancelled = false;
    load().then(
      (s) => {
        if (cancelled) return;
        setSaved(s);
        setDraft(toDraft(s));
      },
      (err: unknown) => !cancelled && setError(err),
    );
    return () => {
      cancelled = true;
    };
  }, [load]);

  const store = (next: S) => {
    setSaved(next);
    setDraft(toDraft(next));
  };
  return { saved, draft, setDraft, store, error, setError };
}
