import { describe, expect, it } from 'vitest';
import {
  isTagColor,
  labelWords,
  normaliseTagName,
  normaliseTitle,
  tagNameKey,
  termMatches,
} from './labels.js';
import { parseSearch } from './searchQuery.js';

describe('chat titles', () => {
  it('trims a title and makes inner runs of space one', () => {
    expect(normaliseTitle('  Late   delivery \n refund ')).toEqual({
      ok: true,
      value: 'Late delivery refund',
    });
  });

  it('clears the title when it is blank or null', () => {
    expect(normaliseTitle('   ')).toEqual({ ok: true, value: null });
    expect(normaliseTitle(null)).toEqual({ ok: true, value: null });
  });

  it('takes 120 characters and refuses 121, counting an emoji as one', () => {
    expect(normaliseTitle('é'.repeat(120)).ok).toBe(true);
    expect(normaliseTitle('📦'.repeat(120)).ok).toBe(true);
    expect(normaliseTitle('a'.repeat(121))).toEqual({
      ok: false,
      field: 'title',
      problem: 'must be at most 120 characters',
    });
  });
});

describe('tag names and colours', () => {
  it('needs 1 to 40 characters after trimming', () => {
    expect(normaliseTagName('  Refund ')).toEqual({ ok: true, value: 'Refund' });
    expect(normaliseTagName('   ').ok).toBe(false);
    expect(normaliseTagName('x'.repeat(40)).ok).toBe(true);
    expect(normaliseTagName('x'.repeat(41)).ok).toBe(false);
  });

  it('treats names that differ in case only as the same tag', () => {
    expect(tagNameKey('Rückgabe')).toBe(tagNameKey('RÜCKGABE'));
    expect(tagNameKey('Refund')).not.toBe(tagNameKey('Refunds'));
  });

  it('accepts the palette only', () => {
    expect(isTagColor('teal')).toBe(true);
    expect(isTagColor('#ff0000')).toBe(false);
    expect(isTagColor('')).toBe(false);
  });
});

describe('matching titles and tag names', () => {
  it('folds case and accents into words', () => {
    expect(labelWords('Crème brûlée — RETURN #42')).toEqual(['creme', 'brulee', 'return', '42']);
    expect(labelWords(null)).toEqual([]);
  });

  it('matches a word one typo away, and a prefix only while typing', () => {
    const words = labelWords('Damaged parcel');
    expect(termMatches(parseSearch('damgaed')[0]!, words)).toBe(true);
    expect(termMatches(parseSearch('parc')[0]!, words)).toBe(false);
    expect(termMatches(parseSearch('parc', { typing: true })[0]!, words)).toBe(true);
    expect(termMatches(parseSearch('invoice')[0]!, words)).toBe(false);
  });
});
