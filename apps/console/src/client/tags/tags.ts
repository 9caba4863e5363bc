import type { Conversation, Tag } from '@parley/protocol';
import type { ConsoleState } from '../core/state';

/**
 * An admin renamed, recoloured or deleted tags: the chats this console holds show the tags as
 * they are now. The same object comes back when no chat carried a changed tag.
 */
export function applyTagList(state: ConsoleState, tags: readonly Tag[]): ConsoleState {
  const byId = new Map(tags.map((t) => [t.id, t]));
  let changed = false;
  const conversations: Record<string, Conversation> = { ...state.conversations };
  for (const c of Object.values(state.conversations)) {
    if (c.tags.length === 0) continue;
    const next = c.tags.flatMap((t) => {
      const now = byId.get(t.id);
      return now ? [{ id: now.id, name: now.name, color: now.color }] : [];
    });
    const same =
      next.length === c.tags.length &&
      next.every((t, i) => t.name === c.tags[i]!.name && t.color === c.tags[i]!.color);
    if (same) continue;
    changed = true;
    conversations[c.id] = { ...c, tags: next.sort((a, b) => a.name.localeCompare(b.name)) };
  }
  return changed ? { ...state, conversations } : state;
}

/** The tags a chat does not carry yet whose name holds what the agent typed. */
export function tagsToAdd(all: readonly Tag[], chat: Conversation, typed: string): Tag[] {
  const q = typed.trim().toLocaleLowerCase();
  const has = new Set(chat.tags.map((t) => t.id));
  return all.filter((t) => !has.has(t.id) && t.name.toLocaleLowerCase().includes(q));
}
