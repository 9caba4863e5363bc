const WAIT_MS = 5_000;
const MARK_MS = 2_500;

/**
 * Scrolls the open chat to a message once it is on screen (its history may still be
 * loading) and marks it for a moment, so the agent sees which line the search found.
 */
export function jumpToMessage(messageId: string): void {
  const started = performance.now();
  const look = () => {
    const el = document.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(messageId)}"]`);
    if (!el) {
      if (performance.now() - started < WAIT_MS) requestAnimationFrame(look);
      return;
    }
    // After the list's own stick-to-bottom scroll of this render.
    requestAnimationFrame(() => {
      el.scrollIntoView({ block: 'center' });
      el.setAttribute('data-found', '');
      window.setTimeout(() => el.removeAttribute('data-found'), MARK_MS);
    });
  };
  requestAnimationFrame(look);
}
