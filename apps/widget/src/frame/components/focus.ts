const FOCUSABLE =
  'button:not([disabled]),input:not([disabled]),select:not([disabled]),textarea:not([disabled]),a[href],[tabindex="0"]';

/** Tab and Shift+Tab go round the elements of `box` instead of leaving it. */
export function trapTab(e: KeyboardEvent, box: HTMLElement | null): void {
  if (e.key !== 'Tab' || !box) return;
  const all = [...box.querySelectorAll<HTMLElement>(FOCUSABLE)];
  if (all.length === 0) return;
  const i = all.indexOf(document.activeElement as HTMLElement);
  const next = e.shiftKey ? (i <= 0 ? all.length - 1 : i - 1) : (i + 1) % all.length;
  e.preventDefault();
  all[next]!.focus();
}
