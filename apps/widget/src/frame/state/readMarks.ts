import type { VisitorConversation } from '@parley/protocol';
import { countUnread, highestSeq, type ChatMessage } from './messages';
import { keys, type KeyValue } from './storage';

/**
 * The highest seq the visitor has seen with the chat open, shared by all tabs and kept across
 * pages, so the launcher's badge counts only agent replies the visitor has not seen anywhere.
 */
export class ReadMarks {
  constructor(
    private readonly storage: KeyValue,
    private readonly siteKey: string,
  ) {}

  /** Unread agent messages; while the chat is shown, everything is marked seen instead. */
  unread(
    conversation: VisitorConversation | null,
    messages: readonly ChatMessage[],
    shown: boolean,
  ): number {
    if (!conversation) return 0;
    const key = keys.seen(this.siteKey);
    const [seenId, seenSeq] = (this.storage.get(key) ?? '').split(':');
    const seen = seenId === conversation.id ? Number(seenSeq) || 0 : 0;
    if (!shown) return countUnread(messages, seen);
    const top = highestSeq(messages);
    if (top > seen) this.storage.set(key, `${conversation.id}:${top}`);
    return 0;
  }
}
