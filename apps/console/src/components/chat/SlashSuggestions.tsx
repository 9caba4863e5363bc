import type { CannedResponse } from '@parley/protocol';
import classes from './Composer.module.css';

interface SlashSuggestionsProps {
  id: string;
  items: readonly CannedResponse[];
  active: number;
  onPick: (r: CannedResponse) => void;
  onHover: (i: number) => void;
  /** Shows the text as it will be inserted (variables filled). */
  fill: (body: string) => string;
}

/** Saved replies whose shortcut starts with what follows "/" in the composer. */
export function SlashSuggestions({
  id,
  items,
  active,
  onPick,
  onHover,
  fill,
}: SlashSuggestionsProps) {
  return (
    <div className={classes.suggest}>
      <div className={classes.suggestHint} aria-hidden>
        Saved replies · ↑↓ to choose · Enter or Tab to insert · Esc to close
      </div>
      <ul id={id} role="listbox" aria-label="Shortcut suggestions" className={classes.suggestList}>
        {items.map((r, i) => (
          <li
            key={r.id}
            id={`${id}-${i}`}
            role="option"
            aria-selected={i === active}
            className={classes.suggestItem}
            data-active={i === active || undefined}
            onMouseDown={(e) => {
              e.preventDefault(); // keep focus in the composer
              onPick(r);
            }}
            onMouseEnter={() => onHover(i)}
          >
            <span className={classes.suggestKey}>/{r.shortcut}</span>
            <span className={classes.suggestTitle}>{r.title}</span>
            <span className={classes.suggestBody}>{fill(r.body)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
