import { useEffect } from 'react';
import { useConsole } from '../context';

/** Messages that arrived while the tab was hidden count as read once the agent comes back. */
export function useMarkReadOnReturn(): void {
  const { client } = useConsole();
  useEffect(() => {
    const onChange = () => {
      if (document.visibilityState === 'visible') client.markSelectedRead();
    };
    document.addEventListener('visibilitychange', onChange);
    window.addEventListener('focus', onChange);
    return () => {
      document.removeEventListener('visibilitychange', onChange);
      window.removeEventListener('focus', onChange);
    };
  }, [client]);
}
