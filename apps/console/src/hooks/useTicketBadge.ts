import { useEffect, useState } from 'react';
import { useConsole } from '../context';

/** Changes arriving together (a burst of mail) are counted once, this long after the first. */
const SETTLE_MS = 300;

/**
 * The "Tickets" badge: open tickets assigned to me or to nobody, counted by the server on
 * load, whenever a ticket I may see changes, and after every reconnection. Null until known.
 */
export function useTicketBadge(): number | null {
  const { api, client } = useConsole();
  const [count, setCount] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const recount = () => {
      timer = null;
      api.ticketBadge().then(
        (n) => live && setCount(n),
        // Offline or signed out: the badge keeps its last number until the next change.
        () => undefined,
      );
    };
    const schedule = () => {
      timer ??= setTimeout(recount, SETTLE_MS);
    };
    recount();
    const stop = client.onTicketsChanged(schedule);
    return () => {
      live = false;
      stop();
      if (timer) clearTimeout(timer);
    };
  }, [api, client]);
  return count;
}
