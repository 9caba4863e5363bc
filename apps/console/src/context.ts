import { createContext, useContext, useEffect, useSyncExternalStore } from 'react';
import type { SessionResponse } from '@parley/protocol';
import type { ConsoleApi } from './api/admin';
import type { AgentClient } from './client/AgentClient';
import type { CannedSnapshot, CannedStore } from './client/canned/cannedStore';
import type { DraftBook } from './client/composer/drafts';
import type { ConsoleState } from './client/core/state';

export interface ConsoleServices {
  client: AgentClient;
  drafts: DraftBook;
  /** REST calls for tickets and settings, carrying the session's CSRF token. */
  api: ConsoleApi;
  /** Saved replies (canned responses). */
  canned: CannedStore;
  signOut: () => void;
  /** The signed-in session as it started (two-factor state for Account settings). */
  session: SessionResponse;
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

/** The conversations that have unsent text in their composer. */
export function useDrafted(): ReadonlySet<string> {
  const { drafts } = useConsole();
  return useSyncExternalStore(drafts.subscribe, drafts.snapshot);
}

/** The saved replies, loaded on first use. */
export function useCanned(): CannedSnapshot & { store: CannedStore } {
  const { canned } = useConsole();
  const snap = useSyncExternalStore(canned.subscribe, canned.snapshot);
  useEffect(() => canned.ensure(), [canned]);
  return { ...snap, store: canned };
}
