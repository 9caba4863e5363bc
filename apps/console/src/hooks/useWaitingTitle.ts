import { useEffect } from 'react';
import { titleFor } from '../client/conversations/groups';

/**
 * Puts what needs the agent (waiting chats, unread chats and direct messages, invitations) in
 * the browser tab, so it is noticed from another tab.
 */
export function useWaitingTitle(total: number): void {
  useEffect(() => {
    document.title = titleFor(total);
  }, [total]);
  useEffect(() => () => void (document.title = 'Parley'), []);
}
