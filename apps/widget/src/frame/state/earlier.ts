import type { EarlierConversation, EarlierResponse } from '@parley/protocol/contract';
import { intlLocale } from '../format';
import { strings } from '../strings';
import { buildTimeline, type TimelineItem } from './timeline';

/**
 * "Earlier conversations" in the widget: the visitor's own ended chats above the current one,
 * loaded a page at a time once the visitor opens them. Part of the lazy chunk.
 */
export interface EarlierState {
  /** Oldest first, the most recent just above the current chat. */
  list: readonly EarlierConversation[];
  /** Where the older page starts; null when there is none. */
  cursor: string | null;
}

/** A page arrived: older chats go on top; one already shown is not shown twice. */
export function addPage(state: EarlierState | null, page: EarlierResponse): EarlierState {
  const list = state?.list ?? [];
  const known = new Set(list.map((c) => c.id));
  return {
    list: [...page.conversations.filter((c) => !known.has(c.id)), ...list],
    cursor: page.nextCursor,
  };
}

export type EarlierItem = TimelineItem | { kind: 'sep'; key: string; text: string };

/**
 * What the history draws: per chat a line with its date and agent, then its public messages
 * grouped as in the chat; last, the line over the current conversation.
 */
export function earlierItems(list: readonly EarlierConversation[]): EarlierItem[] {
  const day = new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium' });
  const items: EarlierItem[] = [];
  for (const c of list) {
    const text = [day.format(new Date(c.createdAt)), c.agent?.name].filter(Boolean).join(' · ');
    items.push({ kind: 'sep', key: `e:${c.id}`, text });
    // The server sends public messages only; a visitor's screen never shows anything else.
    const shown = c.messages.filter((m) => m.visibility === 'public');
    // The line above names the day: the timeline's own first divider would say it again.
    items.push(...buildTimeline(shown, []).filter((x, i) => i > 0 || x.kind !== 'day'));
  }
  if (items.length) items.push({ kind: 'sep', key: 'e:now', text: strings.thisChat });
  return items;
}
