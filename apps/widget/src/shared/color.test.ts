import { describe, expect, it } from 'vitest';
import { contrast, isHexColor, readableAccent, readableOn } from './color';

describe('accent colours', () => {
  it('accepts only plain hex colours', () => {
    expect(isHexColor('#1c7ed6')).toBe(true);
    expect(isHexColor('#abc')).toBe(true);
    expect(isHexColor('red')).toBe(false);
    expect(isHexColor('#1c7ed6;background:url(x)')).toBe(false);
    expect(isHexColor(42)).toBe(false);
  });

  it('picks dark text on light accents and white on dark ones', () => {
    expect(readableOn('#1c7ed6')).toBe('#ffffff');
    expect(readableOn('#000')).toBe('#ffffff');
    expect(readableOn('#ffe066')).toBe('#111827');
    expect(readableOn('#fff')).toBe('#111827');
  });
});

describe('readable accent in the chat', () => {
  it('keeps a dark accent and puts white text on it', () => {
    expect(readableAccent('#0b3d91')).toEqual({ fill: '#0b3d91', on: '#ffffff', ink: '#0b3d91' });
  });

  it('darkens a mid-tone accent until white text on it passes WCAG AA', () => {
    const { fill, on, ink } = readableAccent('#1c7ed6');
    expect(on).toBe('#ffffff');
    expect(contrast(fill, on)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(ink, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    // Only as much as needed: still recognisably the site's blue.
    expect(contrast(fill, '#1c7ed6')).toBeLessThan(1.4);
  });

  it('keeps a light accent with dark text, and darkens it only where it is text', () => {
    const { fill, on, ink } = readableAccent('#ffd43b');
    expect(fill).toBe('#ffd43b');
    expect(on).toBe('#111827');
    expect(contrast(ink, '#ffffff')).toBeGreaterThanOrEqual(4.5);
  });
});
