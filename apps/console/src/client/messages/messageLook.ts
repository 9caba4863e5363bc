import type { Message } from '@parley/protocol';

export interface MessageLook {
  /** Visitor lines sit on the left, the team's on the right. */
  side: 'visitor' | 'agent';
  /** Private notes are yellow with an eye; otherwise mine are filled, colleagues' are tinted. */
  tone: 'visitor' | 'mine' | 'colleague' | 'private';
  /** Shown with an eye icon, and read out as "Private note". */
  isPrivate: boolean;
}

export function messageLook(
  message: Pick<Message, 'author' | 'visibility'>,
  meId: string,
): MessageLook {
  const isPrivate = message.visibility === 'private';
  if (message.author.type === 'visitor') return { side: 'visitor', tone: 'visitor', isPrivate };
  const tone = isPrivate ? 'private' : message.author.id === meId ? 'mine' : 'colleague';
  return { side: 'agent', tone, isPrivate };
}
