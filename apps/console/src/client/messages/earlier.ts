import type { EarlierConversation, EarlierResponse } from '@parley/protocol';

/**
 * What the thread holds of the earlier conversations: the count for the collapsed control,
 * then the pages loaded, oldest first, and where the next (older) page starts.
 */
export interface EarlierState {
  total: number;
  conversations: readonly EarlierConversation[];
  /** null: nothing loaded yet; else the cursor of the older page, '' when there is none. */
  cursor: string | null;
}

export const noEarlier: EarlierState = { total: 0, conversations: [], cursor: null };

/** A page arrived: older conversations go on top, any already shown are not shown twice. */
export function withPage(state: EarlierState, page: EarlierResponse): EarlierState {
  const known = new Set(state.conversations.map((c) => c.id));
  return {
    total: page.total,
    conversations: [...page.conversations.filter((c) => !known.has(c.id)), ...state.conversations],
    cursor: page.nextCursor ?? '',
  };
}

/** "3 Mar 2025, 14:05 · Ana": the line above an earlier conversation. */
export function earlierLabel(c: EarlierConversation, format: (iso: string) => string): string {
  return [format(c.createdAt), c.agent?.name].filter(Boolean).join(' · ');
}
