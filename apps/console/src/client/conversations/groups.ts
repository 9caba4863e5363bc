import type { Conversation } from '@parley/protocol';
import { isOfferedTo, isParticipant, isSupervisor, isWaiting } from './conversations';
import { unreadCount, unreadDirectCount } from './selectors';
import type { ConsoleState } from '../core/state';

/** The left list: each group is one filter over the store. */
export interface ChatGroups {
  /** Chats the agent owns or was invited into, newest first: these behave as the open tabs. */
  mine: Conversation[];
  /** Waiting chats (queued or offered): offered to me first, then longest waiting first. */
  unassigned: Conversation[];
  /** Supervisors only: every active chat, newest first. */
  allActive: Conversation[] | null;
  /** Recently closed chats, most recently closed first (supervisors: everyone's). */
  closed: Conversation[];
}

const newestFirst = (a: Conversation, b: Conversation) =>
  (b.acceptedAt ?? b.createdAt).localeCompare(a.acceptedAt ?? a.createdAt);

export function chatGroups(state: ConsoleState): ChatGroups {
  const me = state.me;
  const all = Object.values(state.conversations);
  const mine = all
    .filter((c) => c.status === 'active' && (c.assignee?.id === me.id || isParticipant(c, me.id)))
    .sort(newestFirst);
  const unassigned = all
    .filter((c) => isWaiting(c) && (!state.rejected[c.id] || isOfferedTo(c, me.id)))
    .sort((a, b) => {
      const offered = Number(isOfferedTo(b, me.id)) - Number(isOfferedTo(a, me.id));
      return offered || a.queuedAt.localeCompare(b.queuedAt) || a.id.localeCompare(b.id);
    });
  const allActive = isSupervisor(me)
    ? all.filter((c) => c.status === 'active').sort(newestFirst)
    : null;
  const closed = all
    .filter((c) => c.status === 'closed')
    .sort((a, b) => (b.closedAt ?? '').localeCompare(a.closedAt ?? ''));
  return { mine, unassigned, allActive, closed };
}

export type OfferState =
  | { kind: 'none' }
  | { kind: 'queued' }
  | { kind: 'offered-to-others'; count: number }
  /** secondsLeft is null when the timeout or the start of the offer is unknown. */
  | { kind: 'offered-to-me'; secondsLeft: number | null };

/** Where a waiting chat stands for me: in the queue, offered to colleagues, or offered to me. */
export function offerState(
  c: Conversation,
  meId: string,
  seenAt: number | undefined,
  timeoutSeconds: number | null,
  now: number,
): OfferState {
  if (!isWaiting(c)) return { kind: 'none' };
  if (isOfferedTo(c, meId)) {
    if (seenAt === undefined || timeoutSeconds === null) {
      return { kind: 'offered-to-me', secondsLeft: null };
    }
    const left = Math.ceil(timeoutSeconds - (now - seenAt) / 1000);
    return { kind: 'offered-to-me', secondsLeft: Math.max(0, left) };
  }
  if (c.offeredTo.length > 0) return { kind: 'offered-to-others', count: c.offeredTo.length };
  return { kind: 'queued' };
}

export interface Attention {
  /** My chats with messages I have not read. */
  unreadChats: number;
  /** Waiting chats nobody has taken (what a supervisor watches). */
  unassigned: number;
  /** Colleagues with direct messages I have not read. */
  unreadDirects: number;
  /** Invitations to me waiting for an answer. */
  invitations: number;
  /** All of the above: the number in the browser tab's title. */
  total: number;
}

export function attention(state: ConsoleState, groups: ChatGroups): Attention {
  const unreadChats = groups.mine.filter((c) => unreadCount(state, c.id) > 0).length;
  const unassigned = groups.unassigned.length;
  const unreadDirects = Object.keys(state.directs).filter(
    (id) => unreadDirectCount(state, id) > 0,
  ).length;
  const invitations = Object.values(state.invitations).filter(
    (i) => i.status === 'pending' && i.invitee.id === state.me.id,
  ).length;
  return {
    unreadChats,
    unassigned,
    unreadDirects,
    invitations,
    total: unreadChats + unassigned + unreadDirects + invitations,
  };
}

/** "(3) Parley" when something needs the agent, else "Parley". */
export function titleFor(total: number): string {
  return total > 0 ? `(${total > 99 ? '99+' : total}) Parley` : 'Parley';
}
