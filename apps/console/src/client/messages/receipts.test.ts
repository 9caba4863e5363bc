import { describe, expect, it } from 'vitest';
import { me, message } from '../core/fixtures';
import { seenMessageId, visitorSeen } from './receipts';

const mineMsg = (seq: number, patch = {}) =>
  message('c', seq, { author: { type: 'agent', id: me.id, name: me.name }, ...patch });

describe('"Seen" placement', () => {
  const list = [
    message('c', 1),
    mineMsg(2),
    mineMsg(3),
    message('c', 4),
    mineMsg(5, { visibility: 'private' }),
    message('c', 6, { author: { type: 'agent', id: 'colleague', name: 'Bo' } }),
    mineMsg(7),
  ];

  it('sits under my latest public message the visitor has seen', () => {
    expect(seenMessageId(list, me.id, 4)).toBe('c-m3');
    expect(seenMessageId(list, me.id, 7)).toBe('c-m7');
  });

  it('skips private notes and colleagues’ messages', () => {
    expect(seenMessageId(list, me.id, 6)).toBe('c-m3');
  });

  it('shows nothing before the visitor saw any of mine', () => {
    expect(seenMessageId(list, me.id, 1)).toBeNull();
    expect(seenMessageId(list, me.id, 0)).toBeNull();
    expect(seenMessageId([], me.id, 9)).toBeNull();
  });

  it('takes the furthest of the baseline and live receipts', () => {
    expect(visitorSeen(undefined, undefined)).toBe(0);
    expect(visitorSeen(4, 2)).toBe(4);
    expect(visitorSeen(4, 6)).toBe(6);
  });
});
