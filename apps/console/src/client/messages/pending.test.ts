import { describe, expect, it } from 'vitest';
import { me, message, pending } from '../core/fixtures';
import { addPending, confirmPending, discardPending, failPending, retryPending } from './pending';
import { receiveMessages } from './messages';
import { initialState } from '../core/state';

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
