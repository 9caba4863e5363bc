import { describe, expect, it } from 'vitest';
import { message } from '../core/fixtures';
import { findInChat, stepMatch } from './find';

describe('findInChat', () => {
  const messages = [
    message('c1', 1, { id: 'a', body: 'Crème brûlée please' }),
    message('c1', 2, { id: 'b', body: 'We have CREME caramel too' }),
    message('c1', 3, {
      id: 'c',
      body: 'The chat has ended',
      author: { type: 'system', id: null, name: null },
    }),
    message('c1', 4, { id: 'd', body: 'no dessert for me' }),
  ];

  it('finds messages holding the text, case and accents ignored, oldest first', () => {
    expect(findInChat(messages, 'creme')).toEqual(['a', 'b']);
    expect(findInChat(messages, 'BRULEE')).toEqual(['a']);
    expect(findInChat(messages, '  dessert ')).toEqual(['d']);
  });

  it('finds nothing for blank text or system lines', () => {
    expect(findInChat(messages, '   ')).toEqual([]);
    expect(findInChat(messages, 'ended')).toEqual([]);
  });
});

describe('stepMatch', () => {
  it('wraps around both ways', () => {
    expect(stepMatch(3, 2, 1)).toBe(0);
    expect(stepMatch(3, 0, -1)).toBe(2);
    expect(stepMatch(3, -1, 1)).toBe(0);
    expect(stepMatch(0, 0, 1)).toBe(-1);
  });
});
