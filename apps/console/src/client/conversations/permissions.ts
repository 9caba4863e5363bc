import type { Agent, Conversation } from '@parley/protocol';
import { isOfferedTo, isParticipant, isSupervisor, isWaiting } from './conversations';

/**
 * What the signed-in agent may do with a chat. These mirror the server's rules (which decide in
 * the end) so the console offers only actions that can succeed.
 */

type Me = Pick<Agent, 'id' | 'role'>;

export function ownsChat(c: Conversation, me: Me): boolean {
  return c.status === 'active' && c.assignee?.id === me.id;
}

/** Owner or invited colleague: the agent takes part in the conversation with the visitor. */
export function inChat(c: Conversation, me: Me): boolean {
  return c.status === 'active' && (c.assignee?.id === me.id || isParticipant(c, me.id));
}

export function canReject(c: Conversation, me: Me): boolean {
  return isOfferedTo(c, me.id);
}

export function canAccept(c: Conversation): boolean {
  return isWaiting(c) && c.assignee === null;
}

export function canClose(c: Conversation, me: Me): boolean {
  return c.status !== 'closed' && (c.assignee?.id === me.id || isSupervisor(me));
}

export function canTransfer(c: Conversation, me: Me): boolean {
  return (
    c.status === 'active' && c.assignee !== null && (c.assignee.id === me.id || isSupervisor(me))
  );
}

export function canInvite(c: Conversation, me: Me): boolean {
  return c.status === 'active' && (inChat(c, me) || isSupervisor(me));
}

/** A supervisor takes someone else's chat over (a transfer to themselves). */
export function canTakeOver(c: Conversation, me: Me): boolean {
  return isSupervisor(me) && c.status === 'active' && c.assignee?.id !== me.id;
}

/** A supervisor hands a waiting (or stuck) chat to an agent directly. */
export function canAssign(c: Conversation, me: Me): boolean {
  return isSupervisor(me) && isWaiting(c);
}

export function canLeave(c: Conversation, me: Me): boolean {
  return c.status === 'active' && isParticipant(c, me.id) && c.assignee?.id !== me.id;
}

/** The server shows the routing log to supervisors and to the chat's owner. */
export function canSeeRoutingLog(c: Conversation, me: Me): boolean {
  return isSupervisor(me) || c.assignee?.id === me.id;
}

/** Closing while the visitor still has the chat open ends it under them: confirm first. */
export function closeNeedsConfirm(c: Conversation): boolean {
  return c.status !== 'closed' && c.visitorOnline;
}

/** The line shown in a chat that has ended, saying who ended it. */
export function closedNotice(c: Conversation): string | null {
  if (c.status !== 'closed') return null;
  switch (c.closedBy) {
    case 'visitor':
      return 'The visitor ended the chat';
    case 'system':
      return 'The chat was closed automatically';
    default:
      return 'The chat was closed';
  }
}

export interface ComposerMode {
  /** May write to the visitor. */
  public: boolean;
  /** May write a private note that only agents see. */
  private: boolean;
  /** Why writing to the visitor is not possible, or what a reply will do. */
  hint: string;
}

export function composerMode(c: Conversation, me: Me): ComposerMode {
  if (c.status === 'closed') return { public: false, private: false, hint: 'This chat is closed.' };
  if (isWaiting(c)) {
    return { public: true, private: true, hint: 'Replying accepts this chat.' };
  }
  if (inChat(c, me)) return { public: true, private: true, hint: '' };
  if (isSupervisor(me)) {
    const owner = c.assignee?.name ?? 'the owner';
    return {
      public: false,
      private: true,
      hint: `Whisper to ${owner}: the visitor does not see it. Take over to reply to them.`,
    };
  }
  return { public: false, private: false, hint: 'You cannot reply in this chat.' };
}
