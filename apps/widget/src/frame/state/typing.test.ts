import { describe, expect, it } from 'vitest';
import { TypingNotifier, type Timers } from './typing';

function fakeTimers() {
  let now = 0;
  let seq = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers = {
    now: () => now,
    setTimeout: (fn, ms) => {
      due.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout: (h) => void due.delete(h as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...due]) {
      if (t.at <= now) {
        due.delete(id);
        t.fn();
      }
    }
  };
  return { timers, advance };
}

describe('TypingNotifier', () => {
  it('emits true at most every 2 s while typing', () => {
    const { timers, advance } = fakeTimers();
    const sent: boolean[] = [];
    const t = new TypingNotifier((v) => sent.push(v), timers);
    t.input();
    advance(500);
    t.input();
    advance(500);
    t.input();
    expect(sent).toEqual([true]);
    advance(1000);
    t.input();
    expect(sent).toEqual([true, true]);
  });

  it('emits false after 3 s idle, once', () => {
    const { timers, advance } = fakeTimers();
    const sent: boolean[] = [];
    const t = new TypingNotifier((v) => sent.push(v), timers);
    t.input();
    advance(2999);
    expect(sent).toEqual([true]);
    advance(1);
    expect(sent).toEqual([true, false]);
    advance(10_000);
    expect(sent).toEqual([true, false]);
  });

  it('emits false on send and starts afresh on the next keystroke', () => {
    const { timers, advance } = fakeTimers();
    const sent: boolean[] = [];
    const t = new TypingNotifier((v) => sent.push(v), timers);
    t.input();
    advance(100);
    t.stop();
    t.stop();
    expect(sent).toEqual([true, false]);
    advance(100);
    t.input();
    expect(sent).toEqual([true, false, true]);
  });

  it('sends one more true at the end of a window with input, for the latest preview', () => {
    const { timers, advance } = fakeTimers();
    const sent: boolean[] = [];
    const t = new TypingNotifier((v) => sent.push(v), timers);
    t.input(); // 0: sent
    advance(300);
    t.input(); // inside the window: one trailing true at 2000
    advance(300);
    t.input();
    expect(sent).toEqual([true]);
    advance(1400);
    expect(sent).toEqual([true, true]);
    advance(3000);
    expect(sent).toEqual([true, true, false]);
  });

  it('drops the trailing true when typing stops first', () => {
    const { timers, advance } = fakeTimers();
    const sent: boolean[] = [];
    const t = new TypingNotifier((v) => sent.push(v), timers);
    t.input();
    advance(100);
    t.input();
    t.stop();
    advance(5000);
    expect(sent).toEqual([true, false]);
  });
});
