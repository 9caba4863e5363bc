import { describe, expect, it } from 'vitest';
import { conversation, me, message, mine } from '../core/fixtures';
import { attention, chatGroups, offerState, titleFor } from './groups';
import { initialState, type ConsoleState } from '../core/state';
import { markRejected, upsertConversations } from './conversations';
import { receiveMessages } from '../messages/messages';

const ana = { id: 'ana', name: 'Ana', avatarUrl: null };
const supervisor = { ...me, role: 'supervisor' as const };

const ids = (list: { id: string }[] | null) => list?.map((c) => c.id) ?? null;

describe('chatGroups', () => {
  it('my chats: owned and invited-into chats, newest first', () => {
    const s = upsertConversations(initialState(me), [
      mine('old', { acceptedAt: '2025-01-01T09:00:00.000Z' }),
      conversation('invited', {
        status: 'active',
        assignee: ana,
        participants: [{ id: me.id, name: me.name, avatarUrl: null }],
        acceptedAt: '2025-01-01T09:30:00.000Z',
      }),
      mine('new', { acceptedAt: '2025-01-01T10:00:00.000Z' }),
    ]);
    expect(ids(chatGroups(s).mine)).toEqual(['new', 'invited', 'old']);
  });

  it('unassigned: offered to me first, then longest waiting; turned-down chats hidden', () => {
    let s = upsertConversations(initialState(me), [
      conversation('early', { queuedAt: '2025-01-01T10:01:00.000Z' }),
      conversation('late', { queuedAt: '2025-01-01T10:09:00.000Z' }),
      conversation('forMe', {
        status: 'offered',
        offeredTo: [me.id],
        queuedAt: '2025-01-01T10:05:00.000Z',
      }),
      conversation('rejected', { queuedAt: '2025-01-01T10:00:00.000Z' }),
    ]);
    s = markRejected(s, 'rejected');
    expect(ids(chatGroups(s).unassigned)).toEqual(['forMe', 'early', 'late']);
  });

  it('a turned-down chat offered to me again is back', () => {
    let s = upsertConversations(initialState(me), [conversation('c1')]);
    s = markRejected(s, 'c1');
    expect(ids(chatGroups(s).unassigned)).toEqual([]);
    s = upsertConversations(s, [conversation('c1', { status: 'offered', offeredTo: [me.id] })]);
    expect(ids(chatGroups(s).unassigned)).toEqual(['c1']);
  });

  it('all active only for supervisors; closed most recent first', () => {
    const chats = [
      conversation('theirs', { status: 'active', assignee: ana }),
      mine('c2', { status: 'closed', closedAt: '2025-01-01T11:00:00.000Z' }),
      mine('c1', { status: 'closed', closedAt: '2025-01-01T12:00:00.000Z' }),
    ];
    expect(chatGroups(upsertConversations(initialState(me), chats)).allActive).toBeNull();
    const s = upsertConversations(initialState(supervisor), chats);
    const g = chatGroups(s);
    expect(ids(g.allActive)).toEqual(['theirs']);
    expect(ids(g.closed)).toEqual(['c1', 'c2']);
    expect(ids(g.mine)).toEqual([]);
  });
});

describe('offerState', () => {
  const now = Date.parse('2025-01-01T10:00:30.000Z');
  const seen = Date.parse('2025-01-01T10:00:00.000Z');

  it('counts down an offer to me from when it was first seen', () => {
    const c = conversation('c1', { status: 'offered', offeredTo: [me.id, 'ana'] });
    expect(offerState(c, me.id, seen, 45, now)).toEqual({
      kind: 'offered-to-me',
      secondsLeft: 15,
    });
    expect(offerState(c, me.id, seen, 20, now)).toEqual({ kind: 'offered-to-me', secondsLeft: 0 });
    expect(offerState(c, me.id, undefined, 20, now)).toEqual({
      kind: 'offered-to-me',
      secondsLeft: null,
    });
  });

  it('tells offered-to-others, queued and not waiting apart', () => {
    const others = conversation('c1', { status: 'offered', offeredTo: ['ana', 'ben'] });
    expect(offerState(others, me.id, undefined, 30, now)).toEqual({
      kind: 'offered-to-others',
      count: 2,
    });
    expect(offerState(conversation('c2'), me.id, undefined, 30, now)).toEqual({ kind: 'queued' });
    expect(offerState(mine('c3'), me.id, undefined, 30, now)).toEqual({ kind: 'none' });
  });
});

describe('attention', () => {
  function withUnread(): ConsoleState {
    let s = upsertConversations(initialState(me), [mine('c1'), mine('c2'), conversation('w1')]);
    s = receiveMessages(s, 'c1', [message('c1', 1), message('c1', 2)]);
    s = {
      ...s,
      directs: {
        ana: [
          {
            id: 'd1',
            seq: 1,
            clientId: 'client-000001',
            senderId: 'ana',
            recipientId: me.id,
            body: 'hi',
            createdAt: '2025-01-01T10:00:00.000Z',
          },
        ],
      },
      invitations: {
        i1: {
          id: 'i1',
          conversationId: 'x',
          inviter: { id: 'ana', name: 'Ana' },
          invitee: { id: me.id, name: me.name },
          inviterLeaves: false,
          status: 'pending',
          createdAt: '2025-01-01T10:00:00.000Z',
        },
      },
    };
    return s;
  }

  it('adds chats with unread, waiting chats, unread direct threads and invitations', () => {
    const s = withUnread();
    expect(attention(s, chatGroups(s))).toEqual({
      unreadChats: 1,
      unassigned: 1,
      unreadDirects: 1,
      invitations: 1,
      total: 4,
    });
  });

  it('titles the tab with the total', () => {
    expect(titleFor(0)).toBe('Parley');
    expect(titleFor(4)).toBe('(4) Parley');
    expect(titleFor(120)).toBe('(99+) Parley');
  });
});
