import type { DirectMessage } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import {
  addDirectPending,
  directPeer,
  markDirectRead,
  openDirect,
  pendingDirectsFor,
  receiveDirect,
} from './direct';
import { me } from '../core/fixtures';
import { unreadDirectCount } from '../conversations/selectors';
import { initialState } from '../core/state';

function dm(
  seq: number,
  from: string,
  to: string,
  clientId = `client-${seq}0000000`,
): DirectMessage {
  return {
    id: `d${seq}`,
    seq,
    clientId,
    senderId: from,
    recipientId: to,
    body: `line ${seq}`,
    createdAt: new Date(Date.UTC(2025, 0, 1, 10, 0, seq)).toISOString(),
  };
}

describe('direct messages', () => {
  it('files each message under the colleague, once, in seq order', () => {
    expect(directPeer(dm(1, 'ana', me.id), me.id)).toBe('ana');
    expect(directPeer(dm(1, me.id, 'ana'), me.id)).toBe('ana');
    let s = receiveDirect(initialState(me), [dm(2, 'ana', me.id), dm(1, me.id, 'ana')]);
    s = receiveDirect(s, [dm(2, 'ana', me.id)]);
    expect(s.directs.ana?.map((m) => m.seq)).toEqual([1, 2]);
  });

  it('counts only their unread lines, and opening the chat reads them', () => {
    let s = receiveDirect(initialState(me), [
      dm(1, me.id, 'ana'),
      dm(2, 'ana', me.id),
      dm(3, 'ana', me.id),
    ]);
    expect(unreadDirectCount(s, 'ana')).toBe(2);
    s = openDirect(s, 'ana');
    expect(s.directWith).toBe('ana');
    expect(unreadDirectCount(s, 'ana')).toBe(0);
    s = receiveDirect(s, [dm(4, 'ana', me.id)]);
    expect(unreadDirectCount(s, 'ana')).toBe(1);
    expect(unreadDirectCount(markDirectRead(s, 'ana'), 'ana')).toBe(0);
  });

  it('a confirmed send replaces its pending copy', () => {
    let s = addDirectPending(initialState(me), {
      clientId: 'client-abcdefgh',
      toAgentId: 'ana',
      body: 'hi',
      createdAt: '2025-01-01T10:00:00.000Z',
      state: 'sending',
      error: null,
    });
    expect(pendingDirectsFor(s, 'ana')).toHaveLength(1);
    s = receiveDirect(s, [dm(1, me.id, 'ana', 'client-abcdefgh')]);
    expect(pendingDirectsFor(s, 'ana')).toHaveLength(0);
    expect(s.directs.ana).toHaveLength(1);
  });
});
