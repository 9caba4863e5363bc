import { sql, type Kysely, type RawBuilder } from 'kysely';
import { foldText, type SearchTerm } from '../domain/searchQuery.js';
import type { Database } from './schema.js';
import type { MessageHit } from './search.js';

/** Marks around the matched words of a snippet; control characters no message text keeps. */
export const HIT_START = '\u0002';
export const HIT_END = '\u0003';

/**
 * SQLite: the messages written since the indexer last ran (storage/searchIndexer.ts) are
 * matched here, in the process, with the rules FTS5 applies to the indexed ones: words folded
 * for case and accents, every term present, a term matching its word or any of its one-edit
 * alternatives, and the word being typed as a prefix. A search therefore never misses a
 * message that was acknowledged, indexed yet or not.
 */

// Runs of letters, digits and marks, as FTS5's unicode61 tokenizer cuts text.
const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;
/** Words kept around the first match, as FTS5's snippet() is asked for. */
const SNIPPET_WORDS = 16;

/** The distinct words of a text as the index keeps them: folded for case and accents. */
export function wordsOf(text: string): Set<string> {
  // Folded once as a whole: folding keeps every letter, digit and mark, so the words come out
  // where they were.
  return new Set(foldText(text).match(TOKEN) ?? []);
}

interface Token {
  readonly start: number;
  readonly end: number;
  readonly hit: boolean;
}

type Matcher = (folded: string) => boolean;

function matcherOf(term: SearchTerm): Matcher {
  const exact = new Set(term.alternatives.map(foldText));
  const word = foldText(term.word);
  return (t) => exact.has(t) || (term.prefix && t.startsWith(word));
}

/** The message's words with whether each matches a term; null unless every term matches. */
export function matchTokens(body: string, terms: readonly SearchTerm[]): Token[] | null {
  const matchers = terms.map(matcherOf);
  const found = new Array<boolean>(terms.length).fill(false);
  const tokens: Token[] = [];
  for (const m of body.matchAll(TOKEN)) {
    const folded = foldText(m[0]);
    let hit = false;
    matchers.forEach((match, i) => {
      if (match(folded)) found[i] = hit = true;
    });
    tokens.push({ start: m.index, end: m.index + m[0].length, hit });
  }
  return found.every(Boolean) ? tokens : null;
}

/** The text around the first matched word, each match between HIT_START and HIT_END. */
export function pendingSnippet(body: string, tokens: readonly Token[]): string {
  const first = Math.max(
    0,
    tokens.findIndex((t) => t.hit),
  );
  const from = Math.max(0, Math.min(first - 3, tokens.length - SNIPPET_WORDS));
  const to = Math.min(tokens.length, from + SNIPPET_WORDS);
  const kept = tokens.slice(from, to);
  if (kept.length === 0) return body;
  const startAt = from === 0 ? 0 : kept[0]!.start;
  const endAt = to === tokens.length ? body.length : kept[kept.length - 1]!.end;
  let out = from === 0 ? '' : '…';
  let at = startAt;
  for (const t of kept) {
    if (!t.hit) continue;
    out += `${body.slice(at, t.start)}${HIT_START}${body.slice(t.start, t.end)}${HIT_END}`;
    at = t.end;
  }
  return out + body.slice(at, endAt) + (to === tokens.length ? '' : '…');
}

/**
 * Pending messages (not yet in FTS5) matching every term and the conditions `where` (on the
 * message `m` and its conversation `c`), newest first.
 */
export async function pendingMessageHits(
  db: Kysely<Database>,
  columns: RawBuilder<unknown>,
  where: RawBuilder<unknown>,
  terms: readonly SearchTerm[],
): Promise<MessageHit[]> {
  const r = await sql<Omit<MessageHit, 'snippet'> & { body: string }>`
    SELECT ${columns}, m.body FROM search_pending p
    JOIN messages m ON m.id = p.message_id
    JOIN conversations c ON c.id = m.conversation_id
    WHERE m.author_type <> 'system' ${where}
    ORDER BY p.rowid DESC`.execute(db);
  const hits: MessageHit[] = [];
  for (const { body, ...row } of r.rows) {
    const tokens = matchTokens(body, terms);
    if (tokens) hits.push({ ...row, snippet: pendingSnippet(body, tokens) });
  }
  return hits;
}
