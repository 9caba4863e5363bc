import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { strings } from '../strings';
import { trapTab } from './focus';
import { EndIcon } from './icons';

interface Props {
  title: string;
  onClose: () => void;
  children: ComponentChildren;
  /** alertdialog for a question that needs an answer (ending the chat). */
  alert?: boolean;
  /** Where focus goes back to when it closes (the menu button: the menu item is gone by then). */
  returnFocus?: RefObject<HTMLElement>;
  /** Focused first; else the first field, else the first button. */
  initialFocus?: RefObject<HTMLElement>;
}

/**
 * A small modal sheet over the chat: focus moves in and stays in (Tab goes round), Escape or
 * the X closes it, and focus goes back where it came from.
 */
export function Dialog({ title, onClose, children, alert, returnFocus, initialFocus }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const back = returnFocus?.current ?? (document.activeElement as HTMLElement | null);
    const first =
      initialFocus?.current ??
      box.current?.querySelector<HTMLElement>('input,select,textarea') ??
      box.current?.querySelector<HTMLElement>('.sheet-body button');
    // Without preventScroll the browser scrolls the frame's page to the sheet as it slides in.
    first?.focus({ preventScroll: true });
    return () => back?.focus?.({ preventScroll: true });
  }, []);
  return (
    <div class="overlay" onClick={(e) => e.target === e.currentTarget && onClose()}>
      <div
        class="sheet"
        ref={box}
        role={alert ? 'alertdialog' : 'dialog'}
        aria-modal="true"
        aria-labelledby="sheet-title"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            // Handled here: Escape elsewhere minimizes the whole chat.
            e.stopPropagation();
            onClose();
          } else trapTab(e, box.current);
        }}
      >
        <div class="sheet-head">
          <h2 class="sheet-title" id="sheet-title">
            {title}
          </h2>
          <button
            type="button"
            class="icon-btn sheet-x"
            aria-label={strings.close}
            title={strings.close}
            onClick={onClose}
          >
            <EndIcon />
          </button>
        </div>
        <div class="sheet-body">{children}</div>
      </div>
    </div>
  );
}
