import { describe, expect, it } from 'vitest';
import { foldText, MAX_SEARCH_WORDS, oneEditAway, parseSearch } from './searchQuery.js';

describe('parseSearch', () => {
  it('keeps only the words of any input, folded, once each', () => {
    expect(
      parseSearch(`"Crème" AND brûlée OR (creme) body:* '; DROP--`).map((t) => t.word),
    ).toEqual(['creme', 'and', 'brulee', 'or', 'body', 'drop']);
    expect(parseSearch('&|!:*()"')).toEqual([]);
    expect(parseSearch('   ')).toEqual([]);
  });

  it('reads words of other scripts as words', () => {
    expect(parseSearch('Доставка в Москву').map((t) => t.word)).toEqual([
      'доставка',
      'в',
      'москву',
    ]);
    expect(parseSearch('شحن سريع').map((t) => t.word)).toEqual(['شحن', 'سريع']);
  });

  it('makes only the last word a prefix, and only while typing', () => {
    expect(parseSearch('red sho', { typing: true }).map((t) => t.prefix)).toEqual([false, true]);
    expect(parseSearch('red sho').map((t) => t.prefix)).toEqual([false, false]);
    expect(parseSearch('red sho ', { typing: true }).map((t) => t.prefix)).toEqual([false, false]);
  });

  it('caps the number of words', () => {
    const many = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    expect(parseSearch(many)).toHaveLength(MAX_SEARCH_WORDS);
  });
});

describe('oneEditAway', () => {
  it('covers a dropped, added, changed and swapped letter for words of five or more', () => {
    const v = oneEditAway('parcel');
    for (const typo of ['parcl', 'parcell', 'parsel', 'pracel', 'parcle'])
      expect(v).toContain(typo);
    expect(v).toContain('parcel');
    expect(v).not.toContain('prcl');
  });

  it('leaves short words exact', () => {
    expect(oneEditAway('shoe')).toEqual(['shoe']);
  });

  it('changes letters within the word’s own script', () => {
    const v = oneEditAway('москва');
    expect(v).toContain('масква');
    expect(v.some((w) => /[a-z]/.test(w))).toBe(false);
  });
});

describe('foldText', () => {
  it('folds case and Latin accents and keeps other letters', () => {
    expect(foldText('Crème BRÛLÉE')).toBe('creme brulee');
    expect(foldText('Йога')).toBe('йога');
  });
});
