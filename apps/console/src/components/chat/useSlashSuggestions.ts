import type { CannedResponse } from '@parley/protocol';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { matchShortcuts, slashQuery } from '../../client/canned/canned';

/** The saved replies whose shortcut matches the `/word` the agent is typing, and the one picked. */
export function useSlashSuggestions(
  text: string,
  enabled: boolean,
  responses: readonly CannedResponse[],
) {
  const [index, setIndex] = useState(0);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const query = enabled ? slashQuery(text) : null;
  const items = useMemo(
    () => (query === null || query === dismissed ? [] : matchShortcuts(responses, query)),
    [query, dismissed, responses],
  );
  const active = Math.min(index, Math.max(0, items.length - 1));

  return {
    items,
    active,
    suggesting: items.length > 0,
    setIndex,
    /**
     * Arrows move through the list, Enter or Tab picks, Escape closes it for this query.
     * True when the key was the list's; other keys are the text box's.
     */
    onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>, pick: (r: CannedResponse) => void) {
      if (items.length === 0) return false;
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setIndex((active + step + items.length) % items.length);
        return true;
      }
      if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
        const picked = items[active];
        if (picked && !event.nativeEvent.isComposing) {
          event.preventDefault();
          pick(picked);
          return true;
        }
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setDismissed(query);
        return true;
      }
      return false;
    },
  };
}
