import type { Conversation } from '@parley/protocol';
import { visitorLabel } from '../conversations/selectors';

/** What lists call a chat: its title once someone renamed it, else the visitor. */
export function chatLabel(c: Pick<Conversation, 'title' | 'visitor'>): string {
  return c.title?.trim() || visitorLabel(c as Conversation);
}
