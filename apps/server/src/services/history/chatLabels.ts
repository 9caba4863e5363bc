import type { ConversationTag, TagColor } from '@parley/protocol';
import { labelWords, termMatches } from '../../domain/labels.js';
import type { SearchTerm } from '../../domain/searchQuery.js';
import { searchLabelledChats } from '../../storage/labelSearch.js';
import {
  searchChats,
  type ChatAccess,
  type SearchFilters,
  type SearchPage,
} from '../../storage/search.js';
import { labelsOfChats, listTags, type ChatLabels } from '../../storage/tags.js';
import type { Deps } from '../deps.js';

/** A chat's title and tags as results show them. */
export interface PresentedLabels {
  title: string | null;
  tags: ConversationTag[];
}

const NONE: PresentedLabels = { title: null, tags: [] };

export function presentLabels(labels: ChatLabels | undefined): PresentedLabels {
  if (!labels) return NONE;
  return {
    title: labels.title,
    tags: labels.tags.map((t) => ({ id: t.id, name: t.name, color: t.color as TagColor })),
  };
}

/** Titles and tags of these chats, ready to present. */
export async function chatLabels(
  deps: Deps,
  ids: readonly string[],
): Promise<Map<string, PresentedLabels>> {
  const found = await labelsOfChats(deps.store, ids);
  return new Map([...found].map(([id, l]) => [id, presentLabels(l)]));
}

export interface ChatQuery {
  readonly terms: readonly SearchTerm[];
  readonly filters: SearchFilters;
  readonly access: ChatAccess;
  readonly page: SearchPage;
}

/**
 * The chats group of a search: chats whose visitor matches (storage/search.ts) and chats whose
 * title or tags match, as one list newest first. Each source gives its first offset + limit
 * chats, which hold the page of the merged list whatever the mix.
 */
export async function chatsByVisitorOrLabel(
  deps: Deps,
  q: ChatQuery,
): Promise<Array<{ id: string }>> {
  if (q.terms.length === 0) return [];
  const window = q.page.offset + q.page.limit;
  const tags = await listTags(deps.store);
  // Tag names are typed in part, like names: every word is a prefix here.
  const terms = q.terms.map((t) => {
    const typed = { ...t, prefix: true };
    return {
      alternatives: t.alternatives,
      prefix: t.word,
      tagIds: tags.filter((tag) => termMatches(typed, labelWords(tag.name))).map((tag) => tag.id),
    };
  });
  const [byVisitor, byLabel] = await Promise.all([
    searchChats(deps.store, deps.dialect, { ...q, page: { limit: window, offset: 0 } }),
    searchLabelledChats(deps.store, { terms, filters: q.filters, access: q.access, limit: window }),
  ]);
  const merged = new Map<string, number>();
  for (const c of [...byVisitor, ...byLabel]) merged.set(c.id, Number(c.created_at));
  return [...merged]
    .sort(([a, at], [b, bt]) => bt - at || (a < b ? 1 : a > b ? -1 : 0))
    .slice(q.page.offset, window)
    .map(([id]) => ({ id }));
}
