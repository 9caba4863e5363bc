import type { Message } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { lastAgentSeq, seenMarker, SeenReporter } from './seen';
import type { Timers } from './typing';

function m(seq: number, type: 'visitor' | 'agent' | 'system'): Message {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    clientId: null,
    author: { type, id: null, name: null },
    body: `b${seq}`,
    visibility: 'public',
    createdAt: '2025-01-01T10:00:00.000Z',
  };
}

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
    for (const [id, t] of [...due])
      if (t.at <= now) {
        due.delete(id);
        t.fn();
      }
  };
  return { timers, advance };
}

describe('"Seen" marker', () => {
  const list = [m(1, 'visitor'), m(2, 'agent'), m(3, 'visitor'), m(4, 'visitor'), m(5, 'agent')];

  it('goes under the visitor’s last message the agent has read up to', () => {
    expect(seenMarker(list, 3)).toBe('m3');
    expect(seenMarker(list, 4)).toBe('m4');
    expect(seenMarker(list, 10)).toBe('m4');
  });

  it('stays on an earlier message while later ones are unread', () => {
    expect(seenMarker(list, 2)).toBe('m1');
  });

  it('is nowhere before anything of the visitor’s was read', () => {
    expect(seenMarker(list, 0)).toBeNull();
    expect(seenMarker([m(1, 'agent')], 5)).toBeNull();
  });
});

describe('SeenReporter', () => {
  it('reports once, after a pause, when the visitor is looking', () => {
    const { timers, advance } = fakeTimers();
    const sent: Array<[string, number]> = [];
    const r = new SeenReporter((c, s) => sent.push([c, s]), timers, 1000);
    r.update('c1', [m(1, 'visitor'), m(2, 'agent')], true);
    advance(500);
    // Unrelated updates (upload progress, say) do not put it off.
    r.update('c1', [m(1, 'visitor'), m(2, 'agent')], true);
    advance(500);
    expect(sent).toEqual([['c1', 2]]);
    r.update('c1', [m(1, 'visitor'), m(2, 'agent'), m(3, 'visitor')], true);
    advance(5000);
    expect(sent).toEqual([['c1', 2]]);
  });

  it('waits while the chat is hidden or unfocused', () => {
    const { timers, advance } = fakeTimers();
    const sent: Array<[string, number]> = [];
    const r = new SeenReporter((c, s) => sent.push([c, s]), timers, 1000);
    r.update('c1', [m(1, 'agent')], false);
    advance(5000);
    expect(sent).toEqual([]);
    r.update('c1', [m(1, 'agent')], true);
    advance(400);
    r.update('c1', [m(1, 'agent')], false); // looked away before the pause ended
    advance(5000);
    expect(sent).toEqual([]);
    r.update('c1', [m(1, 'agent')], true);
    advance(1000);
    expect(sent).toEqual([['c1', 1]]);
  });

  it('makes one receipt of a burst of agent messages', () => {
    const { timers, advance } = fakeTimers();
    const sent: Array<[string, number]> = [];
    const r = new SeenReporter((c, s) => sent.push([c, s]), timers, 1000);
    r.update('c1', [m(1, 'agent')], true);
    advance(300);
    r.update('c1', [m(1, 'agent'), m(2, 'agent')], true);
    advance(300);
    r.update('c1', [m(1, 'agent'), m(2, 'agent'), m(3, 'agent')], true);
    advance(1000);
    expect(sent).toEqual([['c1', 3]]);
    expect(lastAgentSeq([m(1, 'agent'), m(4, 'visitor')])).toBe(1);
  });
});
