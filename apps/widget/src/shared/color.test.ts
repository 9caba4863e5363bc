import { describe, expect, it } from 'vitest';
import { isHexColor, readableOn } from './color';

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
