import type { SearchResponse } from '@parley/protocol';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { ApiError } from '../../api/http';
import { searchApi } from '../../api/search';

const DEBOUNCE_MS = 200;
const PAGE = 8;

export type Found =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'done'; q: string; results: SearchResponse }
  | { state: 'failed'; message: string };

/** "/" anywhere but in a text field focuses the search box. */
export function useSlashFocus(input: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, [contenteditable="true"]');
      if (e.key === '/' && !typing && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [input]);
}

/** Results for the text as the agent types: debounced, stale answers dropped, pages added. */
export function useSearch(text: string) {
  const [found, setFound] = useState<Found>({ state: 'idle' });
  const asked = useRef(0);

  useEffect(() => {
    const q = text;
    if (!q.trim()) {
      setFound({ state: 'idle' });
      return;
    }
    const n = ++asked.current;
    setFound((f) => (f.state === 'done' ? f : { state: 'loading' }));
    const timer = window.setTimeout(() => {
      searchApi({ q, typing: true, limit: PAGE })
        .then((results) => n === asked.current && setFound({ state: 'done', q, results }))
        .catch((err: unknown) => {
          if (n !== asked.current) return;
          const message = err instanceof ApiError ? err.message : 'Search failed. Try again.';
          setFound({ state: 'failed', message });
        });
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text]);

  const more = async (kind: 'chats' | 'messages' | 'visitors' | 'tickets') => {
    if (found.state !== 'done') return;
    const offset = found.results[kind].items.length;
    const next = await searchApi({ q: found.q, typing: true, kind, limit: PAGE, offset });
    setFound((f) =>
      f.state === 'done' && f.q === found.q
        ? {
            ...f,
            results: {
              ...f.results,
              [kind]: {
                items: [...f.results[kind].items, ...next[kind].items],
                hasMore: next[kind].hasMore,
              },
            },
          }
        : f,
    );
  };
  return { found, more };
}
