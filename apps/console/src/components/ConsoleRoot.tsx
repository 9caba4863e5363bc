import { Center, Loader } from '@mantine/core';
import type { SessionResponse } from '@parley/protocol';
import { useMemo, useState } from 'react';
import { DraftBook } from '../client/drafts';
import { ConsoleContext, type ConsoleServices } from '../context';
import { useAgentClient } from '../hooks/useAgentClient';
import { ConsoleShell } from './ConsoleShell';

interface ConsoleRootProps {
  session: SessionResponse;
  onSignOut: () => void;
  onSessionLost: () => void;
}

/** Wires one signed-in session: its socket client, drafts, and the shell around them. */
export function ConsoleRoot({ session, onSignOut, onSessionLost }: ConsoleRootProps) {
  const client = useAgentClient(session.agent, onSessionLost);
  const [drafts] = useState(() => new DraftBook());
  const services = useMemo<ConsoleServices | null>(
    () => (client ? { client, drafts, signOut: onSignOut } : null),
    [client, drafts, onSignOut],
  );

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
