import { Center, Loader } from '@mantine/core';
import type { SessionResponse } from '@parley/protocol';
import { useEffect, useMemo, useState } from 'react';
import { createApi } from '../api/admin';
import { CannedStore } from '../client/canned/cannedStore';
import { DraftBook } from '../client/composer/drafts';
import { ConsoleContext, type ConsoleServices } from '../context';
import { useAgentClient } from '../hooks/useAgentClient';
import { ConsoleShell } from './ConsoleShell';

interface ConsoleRootProps {
  session: SessionResponse;
  onSignOut: () => void;
  onSessionLost: () => void;
}

/** Wires one signed-in session: its socket client, drafts, REST calls and the shell around them. */
export function ConsoleRoot({ session, onSignOut, onSessionLost }: ConsoleRootProps) {
  const client = useAgentClient(session.agent, onSessionLost);
  const [drafts] = useState(() => new DraftBook());
  const api = useMemo(() => createApi(session.csrfToken), [session.csrfToken]);
  const canned = useMemo(() => new CannedStore(api.listCanned), [api]);
  const services = useMemo<ConsoleServices | null>(
    () => (client ? { client, drafts, api, canned, signOut: onSignOut, session } : null),
    [client, drafts, api, canned, onSignOut, session],
  );

  // Offer timeout and auto-away come from the organisation's settings.
  useEffect(() => {
    if (!client) return;
    let cancelled = false;
    api.getSettings().then(
      (settings) => {
        if (!cancelled) client.setSettings(settings);
      },
      () => undefined, // without them the console still works: no countdown, no auto-away
    );
    return () => {
      cancelled = true;
    };
  }, [api, client]);

  if (!services) {
    return (
      <Center h="100%">
        <Loader aria-label="Connecting" />
      </Center>
    );
  }
  return (
    <ConsoleContext.Provider value={services}>
      <ConsoleShell />
    </ConsoleContext.Provider>
  );
}
