import type { Message } from '@parley/protocol';
import type { Timers } from './typing';

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** The highest seq of an agent's message (what a read receipt is about); 0 if none. */
export function lastAgentSeq(messages: readonly Message[]): number {
  let max = 0;
  for (const m of messages) if (m.author.type === 'agent' && m.seq > max) max = m.seq;
  return max;
}

/**
 * The visitor's message that carries the "Seen" marker: their last message the agent has
 * read up to (`seenSeq`). Later messages of theirs are not seen yet, so it stays put.
 */
export function seenMarker(messages: readonly Message[], seenSeq: number): string | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.author.type === 'visitor' && m.seq <= seenSeq) return m.id;
  }
  return null;
}

/**
 * Read receipts from the visitor: once the chat is open and in front of them, tell the server
 * how far they have read, after a short pause (a burst of messages makes one receipt) and only
 * when an agent message came in since the last receipt.
 */
export class SeenReporter {
  private sent: { conversationId: string; seq: number } | null = null;
  private timer: unknown = null;
  private scheduled: { conversationId: string; seq: number } | null = null;

  constructor(
    private readonly emit: (conversationId: string, seq: number) => void,
    private readonly timers: Timers = realTimers,
    private readonly delayMs = 1000,
  ) {}

  /** `looking`: the chat is open, its page visible and focused. */
  update(conversationId: string | null, messages: readonly Message[], looking: boolean): void {
    const agentSeq = lastAgentSeq(messages);
    const already = this.sent?.conversationId === conversationId ? this.sent.seq : 0;
    if (!looking || !conversationId || agentSeq <= already) {
      this.cancel();
      return;
    }
    // Already on its way: other changes (say, upload progress) must not keep putting it off.
    const s = this.scheduled;
    if (s && s.conversationId === conversationId && s.seq === agentSeq) return;
    this.cancel();
    const target = { conversationId, seq: agentSeq };
    this.scheduled = target;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.scheduled = null;
      this.sent = target;
      this.emit(conversationId, agentSeq);
    }, this.delayMs);
  }

  cancel(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.scheduled = null;
  }
}
