import { describe, expect, it } from 'vitest';
import { conversation, me, message, mine, pending } from '../core/fixtures';
import { addPending } from '../messages/pending';
import { receiveMessages } from '../messages/messages';
import { initialState } from '../core/state';
import {
  markRead,
  markRejected,
  removeConversation,
  select,
  upsertConversations,
} from './conversations';

describe('upsertConversations', () => {
  it('treats what existed at sign-in as already seen', () => {
    const s = upsertConversations(initialState(me), [mine('c1', { lastSeq: 7 })], {
      baseline: true,
    });
    expect(s.syncedSeq.c1).toBe(7);
    expect(s.readSeq.c1).toBe(7);
  });

  it('starts a chat that appears later from nothing, so all of it is fetched and unread', () => {
    const s = upsertConversations(initialState(me), [conversation('c1', { lastSeq: 2 })]);
    expect(s.syncedSeq.c1).toBeUndefined();
    expect(s.readSeq.c1).toBeUndefined();
  });

  it('drops a waiting chat another agent accepted, and deselects it', () => {
    let s = upsertConversations(initialState(me), [conversation('c1')]);
    s = select(s, 'c1');
    s = upsertConversations(s, [
      conversation('c1', {
        status: 'active',
        assignee: { id: 'other', name: 'Olga', avatarUrl: null },
      }),
    ]);
    expect(s.conversations.c1).toBeUndefined();
    expect(s.selectedId).toBeNull();
  });

  it('never reopens a closed chat on a late update', () => {
    let s = upsertConversations(initialState(me), [mine('c1', { status: 'closed' })]);
    s = upsertConversations(s, [mine('c1')]);
    expect(s.conversations.c1?.status).toBe('closed');
  });

  it('keeps the higher lastSeq when updates race', () => {
    let s = upsertConversations(initialState(me), [mine('c1', { lastSeq: 5 })]);
    s = upsertConversations(s, [mine('c1', { lastSeq: 4 })]);
    expect(s.conversations.c1?.lastSeq).toBe(5);
  });
});

describe('read state', () => {
  it('selecting a chat marks it opened and read', () => {
    let s = upsertConversations(initialState(me), [conversation('c1', { lastSeq: 2 })]);
    s = receiveMessages(s, 'c1', [message('c1', 1), message('c1', 2)]);
    s = select(s, 'c1');
    expect(s.opened.c1).toBe(true);
    expect(s.readSeq.c1).toBe(2);
  });

  it('markRead never goes backwards', () => {
    const s = upsertConversations(initialState(me), [mine('c1', { lastSeq: 5 })], {
      baseline: true,
    });
    expect(markRead(s, 'c1')).toBe(s);
  });

  it('removeConversation forgets its messages and pending sends', () => {
    let s = upsertConversations(initialState(me), [conversation('c1')]);
    s = receiveMessages(s, 'c1', [message('c1', 1)]);
    s = addPending(s, pending('client-abcdefgh'));
    s = removeConversation(s, 'c1');
    expect(s.messages.c1).toBeUndefined();
    expect(s.pending).toEqual({});
  });
});

describe('offers, rejects and who keeps what', () => {
  const ana = { id: 'ana', name: 'Ana', avatarUrl: null };

  it('remembers when an offer to me was first seen, and forgets it when it ends', () => {
    let s = upsertConversations(
      initialState(me),
      [conversation('c1', { status: 'offered', offeredTo: [me.id] })],
      { now: 1_000 },
    );
    s = upsertConversations(s, [conversation('c1', { status: 'offered', offeredTo: [me.id] })], {
      now: 5_000,
    });
    expect(s.offerSeenAt.c1).toBe(1_000);
    s = upsertConversations(s, [conversation('c1', { status: 'queued', offeredTo: [] })]);
    expect(s.offerSeenAt.c1).toBeUndefined();
  });

  it('a reject hides the chat and closes it if open, unless it was offered again meanwhile', () => {
    let s = upsertConversations(initialState(me), [conversation('c1')]);
    s = select(s, 'c1');
    s = markRejected(s, 'c1');
    expect(s.rejected.c1).toBe(true);
    expect(s.selectedId).toBeNull();
    const again = upsertConversations(initialState(me), [
      conversation('c2', { status: 'offered', offeredTo: [me.id] }),
    ]);
    expect(markRejected(again, 'c2')).toBe(again);
  });

  it('keeps my closed chats and the ones I was invited into, drops closed waiting ones', () => {
    const invited = conversation('inv', {
      status: 'active',
      assignee: ana,
      participants: [{ id: me.id, name: me.name, avatarUrl: null }],
    });
    let s = upsertConversations(initialState(me), [mine('own'), invited, conversation('wait')]);
    s = upsertConversations(s, [
      mine('own', { status: 'closed' }),
      { ...invited, status: 'closed', participants: [] },
      conversation('wait', { status: 'closed' }),
    ]);
    expect(Object.keys(s.conversations).sort()).toEqual(['inv', 'own']);
  });

  it('forgets a chat handed to someone else; supervisors keep seeing every chat', () => {
    let s = upsertConversations(initialState(me), [mine('c1')]);
    s = upsertConversations(s, [mine('c1', { assignee: ana })]);
    expect(s.conversations.c1).toBeUndefined();
    const sup = upsertConversations(initialState({ ...me, role: 'supervisor' }), [
      mine('c1', { assignee: ana }),
    ]);
    expect(sup.conversations.c1?.assignee?.name).toBe('Ana');
  });
});
