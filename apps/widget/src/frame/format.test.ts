import { describe, expect, it } from 'vitest';
import { formatDay, initials } from './format';

describe('format', () => {
  it('makes initials from a name', () => {
    expect(initials('Ana María López')).toBe('AL');
    expect(initials('ana')).toBe('A');
    expect(initials('  ')).toBe('?');
  });

  it('names today and yesterday', () => {
    const now = new Date(2025, 4, 10, 9, 0);
    expect(formatDay(new Date(2025, 4, 10, 0, 5), now)).toBe('Today');
    expect(formatDay(new Date(2025, 4, 9, 23, 55), now)).toBe('Yesterday');
    expect(formatDay(new Date(2025, 4, 1), now)).not.toBe('Yesterday');
  });
});
