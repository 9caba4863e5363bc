import { describe, expect, it } from 'vitest';
import { formatDay, formatSize, initials, splitName } from './format';

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

  it('writes file sizes as people read them', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(812)).toBe('812 B');
    expect(formatSize(14 * 1024 + 300)).toBe('14 KB');
    expect(formatSize(1536)).toBe('1.5 KB');
    expect(formatSize(2.4 * 1024 * 1024)).toBe('2.4 MB');
    expect(formatSize(1020 * 1024)).toBe('1 MB');
    expect(formatSize(25 * 1024 * 1024)).toBe('25 MB');
  });

  it('splits the extension off a file name', () => {
    expect(splitName('report.final.pdf')).toEqual(['report.final', '.pdf']);
    expect(splitName('.env')).toEqual(['.env', '']);
    expect(splitName('README')).toEqual(['README', '']);
    expect(splitName('a.verylongextension')).toEqual(['a.verylongextension', '']);
  });
});
