import type { RoutingLogEntry } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { describeLogEntry, logTone } from './routingLog';

const ana = { id: 'ana', name: 'Ana' };
const ben = { id: 'ben', name: 'Ben' };
const sue = { id: 'sue', name: 'Sue' };
const entry = (
  kind: RoutingLogEntry['kind'],
  agent: RoutingLogEntry['agent'],
  actor: RoutingLogEntry['actor'] = null,
): RoutingLogEntry => ({ at: '2025-01-01T10:02:00.000Z', kind, agent, actor });

describe('describeLogEntry', () => {
  it('reads an offer round as a story', () => {
    expect(
      [
        entry('offered', ana),
        entry('rejected', ana),
        entry('offered', ben),
        entry('accepted', ben, ben),
      ].map(describeLogEntry),
    ).toEqual(['Offered to Ana', 'Ana rejected', 'Offered to Ben', 'Ben accepted']);
  });

  it('names who moved a chat, and says "took over" when they took it themselves', () => {
    expect(describeLogEntry(entry('transferred', ben, ana))).toBe('Ana transferred it to Ben');
    expect(describeLogEntry(entry('transferred', sue, sue))).toBe('Sue took over');
    expect(describeLogEntry(entry('assigned', ben, sue))).toBe('Sue assigned it to Ben');
    expect(describeLogEntry(entry('invited', ben, ana))).toBe('Ana invited Ben');
  });

  it('covers queueing, timeouts and the message form', () => {
    expect(describeLogEntry(entry('offered', null))).toBe('Entered the queue');
    expect(describeLogEntry(entry('timed_out', ana))).toBe('Ana did not answer in time');
    expect(describeLogEntry(entry('withdrawn', ana))).toBe('Offer to Ana withdrawn');
    expect(describeLogEntry(entry('joined', ben, ana))).toBe('Ben joined');
    expect(describeLogEntry(entry('left', ben, ben))).toBe('Ben left');
    expect(describeLogEntry(entry('unserved', null))).toMatch(/message form/);
  });

  it('colours taking a chat green and failed offers red', () => {
    expect(logTone('accepted')).toBe('good');
    expect(logTone('rejected')).toBe('bad');
    expect(logTone('timed_out')).toBe('bad');
    expect(logTone('offered')).toBe('offer');
    expect(logTone('transferred')).toBe('move');
  });
});
