import classes from './TypingIndicator.module.css';

interface TypingIndicatorProps {
  active: boolean;
  /** Who is typing ("#4821", "Maria"). */
  who?: string;
  /** Sneak peek: their unsent text. A draft, never a message. */
  preview?: string | undefined;
}

const PREVIEW_CHARS = 140;

/** Keeps its height when idle, so the composer does not jump each time the visitor types. */
export function TypingIndicator({ active, who, preview }: TypingIndicatorProps) {
  const text = preview?.trim() ?? '';
  // The end of what they type is what is new: keep the tail when it is long.
  const shown = text.length > PREVIEW_CHARS ? `…${text.slice(-PREVIEW_CHARS)}` : text;
  return (
    <div className={classes.line} role="status" aria-live="polite">
      {active && (
        <>
          <span className={classes.dots} aria-hidden>
            <span />
            <span />
            <span />
          </span>
          <span className={classes.who}>
            {who ?? 'Visitor'} is typing{shown ? ':' : '…'}
          </span>
          {shown && (
            <span className={classes.preview} title="Not sent yet: what the visitor is typing">
              <span className={classes.draftTag}>Draft</span>
              <span className={classes.previewText} dir="auto">
                {shown}
              </span>
            </span>
          )}
        </>
      )}
    </div>
  );
}
