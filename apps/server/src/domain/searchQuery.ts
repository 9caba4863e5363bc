/**
 * What a search box's text means: words, nothing else. Quotes, operators (AND, OR, NEAR),
 * `*`, `:`, parentheses and SQL are split away like any other punctuation, so no input can
 * fail a query or change what it matches beyond its words. Both storage dialects build their
 * full-text query from the same terms, which is why the two agree on what matches.
 */

/** One word of the query and the index terms that may stand for it. */
export interface SearchTerm {
  /** Folded: lower case, accents removed ("Crème" -> "creme"). */
  readonly word: string;
  /** Matches any index term starting with the word (the word being typed). */
  readonly prefix: boolean;
  /** The word itself and, for words of five letters or more, every spelling one edit away. */
  readonly alternatives: readonly string[];
}

/** Words longer than this are kept as typed: no real word needs typo variants at that length. */
const MAX_TYPO_LENGTH = 24;
const MIN_TYPO_LENGTH = 5;
/** Enough words for any real question; the rest of a pasted paragraph is ignored. */
export const MAX_SEARCH_WORDS = 8;

const WORD = /[\p{L}\p{N}]+/gu;
const LATIN_MARKS = /([a-z])\p{M}+/gu;

/**
 * Lower case, accents off Latin letters ("Crème" -> "creme"): enough to tell words apart and
 * count letters. The indexes fold what they store and what they are asked with their own
 * tokenizer, so a word is handed to them as typed and they agree with themselves.
 */
export function foldText(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(LATIN_MARKS, '$1').normalize('NFC');
}

// With the letters that have no accent to fold away: "sorensen" is one edit from "sørensen".
const LATIN = 'abcdefghijklmnopqrstuvwxyzøæœßłđþ';
const CYRILLIC = 'абвгдежзийклмнопрстуфхцчшщъыьэюяё';
const GREEK = 'αβγδεζηθικλμνξοπρστυφχψω';
const DIGITS = '0123456789';

/** The letters a typo in this word could have put in: those of the word's own script. */
function alphabetOf(word: string): string {
  const letters = new Set(word);
  const scripts = [LATIN, CYRILLIC, GREEK, DIGITS].filter((s) =>
    [...s].some((c) => letters.has(c)),
  );
  return [...new Set(scripts.join(''))].join('');
}

/**
 * The word and every string one edit away from it: a letter dropped, added, changed, or two
 * neighbours swapped. Looking these up in the index is many cheap exact lookups instead of a
 * scan of the vocabulary, and works the same on both dialects.
 */
export function oneEditAway(word: string): string[] {
  const chars = [...word];
  if (chars.length < MIN_TYPO_LENGTH || chars.length > MAX_TYPO_LENGTH) return [word];
  const alphabet = [...alphabetOf(word)];
  const out = new Set<string>([word]);
  const at = (i: number, insert: string, skip: number) =>
    chars.slice(0, i).join('') + insert + chars.slice(i + skip).join('');
  for (let i = 0; i <= chars.length; i++) {
    if (i < chars.length) out.add(at(i, '', 1));
    if (i < chars.length - 1) out.add(at(i, chars[i + 1]! + chars[i]!, 2));
    for (const c of alphabet) {
      out.add(at(i, c, 0));
      if (i < chars.length && c !== chars[i]) out.add(at(i, c, 1));
    }
  }
  // A dropped letter can leave a stub of four letters that matches far too much.
  return [...out].filter((w) => [...w].length >= MIN_TYPO_LENGTH - 1 || w === word);
}

/**
 * The terms of a query. `typing` marks the last word as still being typed (a prefix), as the
 * console's search box does while the agent types.
 */
export function parseSearch(text: string, options: { typing?: boolean } = {}): SearchTerm[] {
  const words = [...new Set(foldText(text).match(WORD) ?? [])].slice(0, MAX_SEARCH_WORDS);
  const trailingWord = /[\p{L}\p{N}]$/u.test(text);
  return words.map((word, i) => ({
    word,
    prefix: Boolean(options.typing) && trailingWord && i === words.length - 1,
    alternatives: oneEditAway(word),
  }));
}
