import { useEffect, useSyncExternalStore } from 'react';
import type { TagsSnapshot } from '../../client/tags/tagControl';
import { useConsole } from '../../context';

/** The installation's tags, read on first use and kept live. */
export function useTags(): TagsSnapshot {
  const { client } = useConsole();
  const snap = useSyncExternalStore(client.tags.subscribe, client.tags.snapshot);
  useEffect(() => client.tags.ensure(), [client]);
  return snap;
}
