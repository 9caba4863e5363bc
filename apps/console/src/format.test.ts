import { describe, expect, it } from 'vitest';
import { describeElapsed, formatElapsed, previewLine } from './format';

const start = '2025-01-01T10:00:00.000Z';
const after = (minutes: number) => Date.parse(start) + minutes * 60_000;

describe('formatElapsed', () => {
  it('is compact at every scale', () => {
    expect(formatElapsed(start, after(0.5))).toBe('now');
    expect(formatElapsed(start, after(4))).toBe('4m');
    expect(formatElapsed(start, after(65))).toBe('1h 05m');
    expect(formatElapsed(start, after(60 * 50))).toBe('2d');
  });

  it('never shows negative time when clocks disagree', () => {
    expect(formatElapsed(start, after(-3))).toBe('now');
  });
});

describe('describeElapsed', () => {
  it('reads as words', () => {
    expect(describeElapsed(start, after(1))).toBe('1 minute');
    expect(describeElapsed(start, after(12))).toBe('12 minutes');
    expect(describeElapsed(start, after(130))).toBe('about 2 hours');
  });
});

describe('previewLine', () => {
  it('collapses whitespace and marks the agent’s own lines', () => {
    expect(previewLine({ body: 'Hi\n\n  there', authorType: 'visitor', createdAt: start })).toBe(
      'Hi there',
    );
    expect(previewLine({ body: 'Sure', authorType: 'agent', createdAt: start })).toBe('You: Sure');
    expect(previewLine(null)).toBe('No messages yet');
    const line = { body: 'Calling them', authorType: 'agent' as const, createdAt: start };
    expect(previewLine({ ...line, colleague: 'Ana', private: true })).toBe(
      'Ana (private): Calling them',
    );
    expect(previewLine({ ...line, colleague: null, private: false })).toBe('You: Calling them');
  });
});
