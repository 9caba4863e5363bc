import type { Message } from '@parley/protocol';

const MARKS = /\p{M}+/gu;

/** Lower case without accents, as the server's search folds: "Crème" finds "creme". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/**
 * The messages of an open chat that hold the text (case and accents ignored), oldest first:
 * what "Find in chat" steps through. System lines do not count; blank text finds nothing.
 */
export function findInChat(messages: readonly Message[], text: string): string[] {
  const needle = fold(text.trim());
  if (!needle) return [];
  return messages
    .filter((m) => m.author.type !== 'system' && fold(m.body).includes(needle))
    .map((m) => m.id);
}

/** The next (or previous) match, wrapping around at either end. */
export function stepMatch(count: number, current: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  return (((current + direction) % count) + count) % count;
}
