import { describe, expect, it } from 'vitest';
import { conversation, me, message, mine } from './fixtures';
import {
  addPending,
  confirmPending,
  contiguousSeq,
  discardPending,
  failPending,
  initialState,
  markRead,
  markRejected,
  mergeMessages,
  receiveMessages,
  removeConversation,
  retryPending,
  select,
  setVisitorTyping,
  upsertConversations,
  type ConsoleState,
  type PendingMessage,
} from './store';

const seqs = (state: ConsoleState, id: string) => (state.messages[id] ?? []).map((m) => m.seq);

function pending(clientId: string, conversationId = 'c1'): PendingMessage {
  return {
    clientId,
    conversationId,
    body: 'On my way',
    visibility: 'public',
    createdAt: '2025-01-01T10:05:00.000Z',
    state: 'sending',
    error: null,
  };
}

describe('mergeMessages', () => {
  it('keeps one copy of a message delivered twice', () => {
    const once = mergeMessages([], [message('c1', 1), message('c1', 2)]);
    const twice = mergeMessages(once, [message('c1', 2), message('c1', 1)]);
    expect(twice.map((m) => m.id)).toEqual(['c1-m1', 'c1-m2']);
  });

  it('orders by seq whatever the arrival order', () => {
    const list = mergeMessages([], [message('c1', 3), message('c1', 1)]);
    expect(mergeMessages(list, [message('c1', 2)]).map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('returns the same list when nothing is new, so subscribers do not re-render', () => {
    const m = message('c1', 1);
    const list = mergeMessages([], [m]);
    expect(mergeMessages(list, [m])).toBe(list);
    expect(mergeMessages(list, [])).toBe(list);
  });
});

describe('contiguousSeq', () => {
  it('stops at the first gap', () => {
    const list = [message('c', 1), message('c', 2), message('c', 4)];
    expect(contiguousSeq(list, 0)).toBe(2);
    expect(contiguousSeq(list, 3)).toBe(4);
  });
});

describe('receiveMessages', () => {
  it('advances the synced seq only over messages held without a gap', () => {
    let s = initialState(me);
    s = receiveMessages(s, 'c1', [message('c1', 1), message('c1', 3)]);
    expect(s.syncedSeq.c1).toBe(1);
    s = receiveMessages(s, 'c1', [message('c1', 2)]);
    expect(s.syncedSeq.c1).toBe(3);
  });

  it('trusts a server page to be complete after the seq it was asked for', () => {
    // Messages 1..10 were seen before this page load (baseline), 11 and 12 come from a sync.
    let s = upsertConversations(initialState(me), [mine('c1', { lastSeq: 10 })], {
      baseline: true,
    });
    s = receiveMessages(s, 'c1', [message('c1', 11), message('c1', 12)], { pageAfterSeq: 10 });
    expect(s.syncedSeq.c1).toBe(12);
  });

  it('merges a sync result into live messages without duplicates', () => {
    let s = initialState(me);
    s = receiveMessages(s, 'c1', [message('c1', 1), message('c1', 2)], { pageAfterSeq: 0 });
    s = receiveMessages(s, 'c1', [message('c1', 4)]); // live, while 3 was missed
    s = receiveMessages(s, 'c1', [message('c1', 3), message('c1', 4), message('c1', 5)], {
      pageAfterSeq: 2,
    });
    expect(seqs(s, 'c1')).toEqual([1, 2, 3, 4, 5]);
    expect(s.syncedSeq.c1).toBe(5);
  });

  it('settles a pending send when its message arrives before the ack', () => {
    let s = addPending(initialState(me), pending('client-abcdefgh'));
    s = receiveMessages(s, 'c1', [
      message('c1', 1, {
        clientId: 'client-abcdefgh',
        author: { type: 'agent', id: me.id, name: me.name },
      }),
    ]);
    expect(s.pending).toEqual({});
    expect(seqs(s, 'c1')).toEqual([1]);
  });

  it('clears the typing indicator when the visitor sends', () => {
    let s = setVisitorTyping(initialState(me), 'c1', true);
    s = receiveMessages(s, 'c1', [message('c1', 1)]);
    expect(s.visitorTyping.c1).toBeUndefined();
  });

  it('returns the same state for a pure duplicate', () => {
    const s = receiveMessages(initialState(me), 'c1', [message('c1', 1)]);
    expect(receiveMessages(s, 'c1', [message('c1', 1)])).toBe(s);
  });
});

describe('pending sends', () => {
  it('turns into the stored message on confirmation, authored by the agent', () => {
    let s = addPending(initialState(me), pending('client-abcdefgh'));
    s = confirmPending(s, 'client-abcdefgh', {
      id: 'm-9',
      seq: 9,
      createdAt: '2025-01-01T10:05:01.000Z',
      duplicate: false,
    });
    expect(s.pending).toEqual({});
    expect(s.messages.c1).toEqual([
      expect.objectContaining({
        id: 'm-9',
        seq: 9,
        body: 'On my way',
        clientId: 'client-abcdefgh',
      }),
    ]);
    expect(s.messages.c1?.[0]?.author).toEqual({ type: 'agent', id: me.id, name: me.name });
  });

  it('does not duplicate when the broadcast copy arrived first', () => {
    let s = addPending(initialState(me), pending('client-abcdefgh'));
    const broadcast = message('c1', 9, { id: 'm-9', clientId: 'client-abcdefgh' });
    s = receiveMessages(s, 'c1', [broadcast]);
    s = confirmPending(s, 'client-abcdefgh', {
      id: 'm-9',
      seq: 9,
      createdAt: broadcast.createdAt,
      duplicate: true,
    });
    expect(s.messages.c1).toHaveLength(1);
  });

  it('fails with the error, and retries with the same clientId', () => {
    let s = addPending(initialState(me), pending('client-abcdefgh'));
    s = failPending(s, 'client-abcdefgh', { code: 'CONVERSATION_CLOSED', message: 'closed' });
    expect(s.pending['client-abcdefgh']).toMatchObject({
      state: 'failed',
      error: { code: 'CONVERSATION_CLOSED' },
    });
    s = retryPending(s, 'client-abcdefgh');
    expect(s.pending['client-abcdefgh']).toMatchObject({ state: 'sending', error: null });
    expect(discardPending(s, 'client-abcdefgh').pending).toEqual({});
  });

  it('ignores outcomes for sends it no longer holds', () => {
    const s = initialState(me);
    expect(failPending(s, 'gone-gone-gone', { code: 'INTERNAL', message: 'x' })).toBe(s);
    expect(
      confirmPending(s, 'gone-gone-gone', { id: 'x', seq: 1, createdAt: '', duplicate: false }),
    ).toBe(s);
  });
});

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
