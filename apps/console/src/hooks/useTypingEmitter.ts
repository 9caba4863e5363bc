import { useCallback, useEffect, useRef } from 'react';
import { useConsole } from '../context';

const REPEAT_MS = 2_000; // keep the visitor's indicator alive without flooding the socket
const IDLE_MS = 3_000; // a pause this long means the agent stopped typing

/** Reports the agent's typing in one conversation: throttled, and stopped on idle or send. */
export function useTypingEmitter(conversationId: string): {
  onInput: () => void;
  stop: () => void;
} {
  const { client } = useConsole();
  const lastSent = useRef(0);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stop = useCallback(() => {
    if (idleTimer.current) clearTimeout(idleTimer.current);
    idleTimer.current = null;
    if (lastSent.current !== 0) client.sendTyping(conversationId, false);
    lastSent.current = 0;
  }, [client, conversationId]);

  const onInput = useCallback(() => {
    const now = Date.now();
    if (now - lastSent.current >= REPEAT_MS) {
      client.sendTyping(conversationId, true);
      lastSent.current = now;
    }
    if (idleTimer.current) clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stop, IDLE_MS);
  }, [client, conversationId, stop]);

  // Leaving the chat (switching, closing) also ends typing in it.
  useEffect(() => stop, [stop]);

  return { onInput, stop };
}
