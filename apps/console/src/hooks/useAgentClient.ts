import type { Agent } from '@parley/protocol';
import { useEffect, useRef, useState } from 'react';
import { fetchSession } from '../api/auth';
import { AgentClient } from '../client/AgentClient';

/** One AgentClient per signed-in session, started on mount and stopped on unmount. */
export function useAgentClient(me: Agent, onSessionLost: () => void): AgentClient | null {
  const [client, setClient] = useState<AgentClient | null>(null);
  const lost = useRef(onSessionLost);
  useEffect(() => {
    lost.current = onSessionLost;
  }, [onSessionLost]);

  useEffect(() => {
    const next = new AgentClient({
      me,
      onSessionLost: () => lost.current(),
      checkSession: () =>
        fetchSession().then(
          (s) => s !== null,
          () => true,
        ),
      isVisible: () => document.visibilityState === 'visible',
    });
    next.start();
    setClient(next);
    return () => {
      next.stop();
      setClient(null);
    };
  }, [me]);

  return client;
}
