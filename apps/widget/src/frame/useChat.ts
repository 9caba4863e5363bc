import { useEffect, useState } from 'preact/hooks';
import type { ChatStore } from './state/chatStore';
import type { ChatState } from './state/types';

/** The store's current state; re-renders when it changes. */
export function useChat(store: ChatStore): ChatState {
  const [state, setState] = useState(store.getState);
  useEffect(() => {
    setState(store.getState());
    return store.subscribe(() => setState(store.getState()));
  }, [store]);
  return state;
}
