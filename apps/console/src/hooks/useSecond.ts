import { useSyncExternalStore } from 'react';

/**
 * The current time, to the second, from one shared timer: every ticking label on screen (time
 * on site, local clocks) re-renders together, and the timer stops when none is shown.
 */
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const snapshot = () => now;

export function useSecond(): number {
  return useSyncExternalStore(subscribe, snapshot);
}
