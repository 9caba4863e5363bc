import classes from './TypingIndicator.module.css';

/** Keeps its height when idle, so the composer does not jump each time the visitor types. */
export function TypingIndicator({ active }: { active: boolean }) {
  return (
    <div className={classes.line} role="status" aria-live="polite">
      {active && (
        <>
          <span className={classes.dots} aria-hidden>
            <span />
            <span />
            <span />
          </span>
          Visitor is typing…
        </>
      )}
    </div>
  );
}
