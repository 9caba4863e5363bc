import type { Message } from '@parley/protocol';

/**
 * Which message carries "Seen": my last public message the visitor has seen (seq ≤ seenSeq).
 * Nothing when the visitor has not seen any of mine, or when a later message of mine is unseen
 * and an earlier one is seen (the label sits on the latest seen one).
 */
export function seenMessageId(
  messages: readonly Message[],
  meId: string,
  seenSeq: number,
): string | null {
  if (seenSeq <= 0) return null;
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const m = messages[i];
    if (!m || m.seq > seenSeq) continue;
    if (m.author.type === 'agent' && m.author.id === meId && m.visibility === 'public') return m.id;
  }
  return null;
}

/** The visitor's read position: the server's baseline or a later live `seen` event. */
export function visitorSeen(baseline: number | undefined, live: number | undefined): number {
  return Math.max(baseline ?? 0, live ?? 0);
}
