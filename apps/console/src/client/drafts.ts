/**
 * Unsent text per conversation, so switching chats never loses what the agent was writing.
 * Deliberately not reactive: only the composer of the open chat reads it, once, when it mounts.
 */
export class DraftBook {
  private readonly drafts = new Map<string, string>();

  get(conversationId: string): string {
    return this.drafts.get(conversationId) ?? '';
  }

  set(conversationId: string, text: string): void {
    if (text) this.drafts.set(conversationId, text);
    else this.drafts.delete(conversationId);
  }
}
