import { describe, expect, it } from 'vitest';
import { me, message, mine, pending } from '../core/fixtures';
import { addPending } from './pending';
import { contiguousSeq, mergeMessages, receiveMessages } from './messages';
import { initialState, type ConsoleState } from '../core/state';
import { setVisitorTyping, upsertConversations } from '../conversations/conversations';

const seqs = (state: ConsoleState, id: string) => (state.messages[id] ?? []).map((m) => m.seq);

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
