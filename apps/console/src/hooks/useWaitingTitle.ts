import { useEffect } from 'react';

/** Puts the waiting count in the browser tab, so a queue is noticed from another tab. */
export function useWaitingTitle(waiting: number): void {
  useEffect(() => {
    document.title = waiting > 0 ? `(${waiting}) Parley` : 'Parley';
  }, [waiting]);
  useEffect(() => () => void (document.title = 'Parley'), []);
}
