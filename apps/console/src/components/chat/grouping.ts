import type { Message } from '@parley/protocol';

const GROUP_GAP_MS = 5 * 60_000;

/** Consecutive lines from one author within a few minutes share one name label. */
export function startsGroup(message: Message, previous: Message | undefined): boolean {
  if (!previous || previous.author.type === 'system') return true;
  if (previous.author.type !== message.author.type || previous.author.id !== message.author.id)
    return true;
  // A private note always carries its label, and so does the first public line after notes.
  if (previous.visibility !== message.visibility || message.visibility === 'private') return true;
  return Date.parse(message.createdAt) - Date.parse(previous.createdAt) > GROUP_GAP_MS;
}
