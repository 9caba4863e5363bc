import type { VisitorDetails } from '@parley/protocol';
import { useEffect } from 'react';
import { useConsole, useConsoleState } from '../context';

/**
 * One visitor's details, live while the calling component is mounted: reads them with
 * visitor:get (which subscribes to their updates) and unwatches on unmount.
 */
export function useVisitorDetails(visitorId: string | null): {
  details: VisitorDetails | null;
  error: string | null;
} {
  const { client } = useConsole();
  const state = useConsoleState();
  useEffect(() => (visitorId ? client.watchVisitor(visitorId) : undefined), [client, visitorId]);
  if (!visitorId) return { details: null, error: null };
  return {
    details: state.visitorDetails[visitorId] ?? null,
    error: state.visitorDetailsError[visitorId] ?? null,
  };
}
