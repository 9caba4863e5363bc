import { useEffect, useRef } from 'react';
import { autoAwayDue } from '../autoAway';
import { useConsole, useConsoleState } from '../context';

const CHECK_MS = 15_000;
const ACTIVITY_EVENTS = ['pointermove', 'pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Sets an Online agent Away after `autoAwayMinutes` without mouse or keyboard activity in the
 * console (0 turns it off). It never switches back by itself.
 */
export function useAutoAway(): void {
  const { client } = useConsole();
  const { settings, me } = useConsoleState();
  const minutes = settings?.autoAwayMinutes ?? 0;
  const lastActivity = useRef(0);
  const status = me.status;

  useEffect(() => {
    if (minutes <= 0) return;
    lastActivity.current = Date.now();
    const onActivity = () => {
      lastActivity.current = Date.now();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { passive: true });
    const timer = setInterval(
      () => {
        if (autoAwayDue(client.getState().me.status, minutes, lastActivity.current, Date.now())) {
          void client.goAwayAfterIdle(minutes);
        }
      },
      Math.min(CHECK_MS, minutes * 60_000),
    );
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity);
      clearInterval(timer);
    };
  }, [client, minutes]);

  // Going Online again (by hand) starts a fresh idle period.
  useEffect(() => {
    if (status === 'online') lastActivity.current = Date.now();
  }, [status]);
}
