import {
  MAX_TAG_NAME_LENGTH,
  MAX_TITLE_LENGTH,
  tagColors,
  type TagColor,
} from '@parley/protocol/contract';
import { foldText, type SearchTerm } from './searchQuery.js';

/**
 * Rules of chat titles and tags, without I/O. The protocol schemas check the same limits at
 * the edge; these hold for any caller, and say which field a problem is about.
 */

export type Checked<T> = { ok: true; value: T } | { ok: false; field: string; problem: string };

const WORD = /[\p{L}\p{N}]+/gu;

/** A title as stored: trimmed, inner runs of space made one; blank clears it (null). */
export function normaliseTitle(title: string | null): Checked<string | null> {
  const t = (title ?? '').replace(/\s+/gu, ' ').trim();
  if (t === '') return { ok: true, value: null };
  if ([...t].length > MAX_TITLE_LENGTH)
    return {
      ok: false,
      field: 'title',
      problem: `must be at most ${MAX_TITLE_LENGTH} characters`,
    };
  return { ok: true, value: t };
}

/** A tag name as stored: trimmed, 1 to 40 characters. */
export function normaliseTagName(name: string): Checked<string> {
  const n = name.replace(/\s+/gu, ' ').trim();
  if (n === '') return { ok: false, field: 'name', problem: 'must not be empty' };
  if ([...n].length > MAX_TAG_NAME_LENGTH)
    return {
      ok: false,
      field: 'name',
      problem: `must be at most ${MAX_TAG_NAME_LENGTH} characters`,
    };
  return { ok: true, value: n };
}

/** What two names must not share to be two tags: "Refund" and "REFUND" are one. */
export function tagNameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

export function isTagColor(color: string): color is TagColor {
  return (tagColors as readonly string[]).includes(color);
}

/** The folded words of a text (a title, a tag name), each once, as search looks them up. */
export function labelWords(text: string | null): string[] {
  if (!text) return [];
  return [...new Set(foldText(text).match(WORD) ?? [])];
}

/** Whether one query word names one of these words: a spelling one edit away, or a prefix. */
export function termMatches(term: SearchTerm, words: readonly string[]): boolean {
  return words.some(
    (w) => term.alternatives.includes(w) || (term.prefix && w.startsWith(term.word)),
  );
}
