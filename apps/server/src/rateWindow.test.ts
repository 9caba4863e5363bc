import { describe, expect, it } from 'vitest';
import { RateWindow } from './rateWindow.js';

describe('RateWindow', () => {
  it('allows the limit per key within the window, then again once the window has passed', () => {
    const w = new RateWindow(2, 1000);
    expect([w.allow('a', 0), w.allow('a', 10), w.allow('a', 20)]).toEqual([true, true, false]);
    expect(w.allow('b', 20)).toBe(true);
    expect(w.allow('a', 1005)).toBe(true);
    expect(w.allow('a', 1011)).toBe(true);
    expect(w.allow('a', 1012)).toBe(false);
  });

  it('forgets the least recently used keys beyond its size', () => {
    const w = new RateWindow(1, 60_000, 2);
    w.allow('a', 0);
    w.allow('b', 1);
    w.allow('c', 2);
    // 'a' was forgotten, so it may act again; 'c' is remembered.
    expect(w.allow('a', 3)).toBe(true);
    expect(w.allow('c', 4)).toBe(false);
  });
});
