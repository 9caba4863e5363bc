import { useEffect, useState } from 'preact/hooks';
import type * as ExtrasModule from './Extras';

type Extras = typeof ExtrasModule;

let loaded: Extras | null = null;
let loading: Promise<Extras> | null = null;

/** Starts fetching the click-only components (say, when the menu opens, before a sheet). */
export function loadExtras(): Promise<Extras> {
  loading ??= import('./Extras').then(
    (m) => (loaded = m),
    (err: unknown) => {
      // A failed fetch (offline for a moment) may be retried by the next click.
      loading = null;
      throw err;
    },
  );
  return loading;
}

/** The click-only components once `wanted` has been true (null until they have arrived). */
export function useExtras(wanted: boolean): Extras | null {
  const [, rerender] = useState(0);
  useEffect(() => {
    if (wanted && !loaded)
      loadExtras().then(
        () => rerender((n) => n + 1),
        () => undefined,
      );
  }, [wanted]);
  return loaded;
}
