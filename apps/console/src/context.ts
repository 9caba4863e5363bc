import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AgentClient } from './client/AgentClient';
import type { DraftBook } from './client/drafts';
import type { ConsoleState } from './client/store';

export interface ConsoleServices {
  client: AgentClient;
  drafts: DraftBook;
  signOut: () => void;
}

export const ConsoleContext = createContext<ConsoleServices | null>(null);

export function useConsole(): ConsoleServices {
  const services = useContext(ConsoleContext);
  if (!services) throw new Error('useConsole needs a ConsoleContext provider');
  return services;
}

/** The whole store snapshot; derive lists with useMemo keyed on it. */
export function useConsoleState(): ConsoleState {
  const { client } = useConsole();
  return useSyncExternalStore(client.subscribe, client.getState);
}
