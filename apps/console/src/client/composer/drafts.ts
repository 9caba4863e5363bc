/**
 * Unsent text per conversation, so switching chats never loses what the agent was writing.
 * The text itself is not reactive (only the open chat's composer reads it, once, when it
 * mounts); which chats *have* a draft is, so the chat list can mark them.
 */
export class DraftBook {
  private readonly drafts = new Map<string, string>();
  private withDrafts: ReadonlySet<string> = new Set();
  private readonly listeners = new Set<() => void>();

  get(conversationId: string): string {
    return this.drafts.get(conversationId) ?? '';
  }

  set(conversationId: string, text: string): void {
    const had = this.drafts.has(conversationId);
    const has = text.trim() !== '';
    if (has) this.drafts.set(conversationId, text);
    else this.drafts.delete(conversationId);
    if (had === has) return;
    this.withDrafts = new Set(this.drafts.keys());
    for (const listener of this.listeners) listener();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The conversations with unsent text; a new set each time one starts or stops having it. */
  readonly snapshot = (): ReadonlySet<string> => this.withDrafts;
}
