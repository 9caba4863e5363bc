import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { MAX_LENGTH } from '../state/types';
import { strings } from '../strings';
import { SendIcon } from './icons';

interface Props {
  onSend: (text: string) => boolean;
  onDraft: (text: string) => void;
  /** Becomes true when the host shows the chat: a good moment to put the cursor here. */
  visible: boolean;
  /** Text to start with (a draft kept while the composer was replaced by the form). */
  initial?: string;
  /** Changes when the cursor should come back here (a question above was answered). */
  focusSignal?: number;
}

const MAX_HEIGHT_PX = 120;

export function Composer({ onSend, onDraft, visible, initial = '', focusSignal = 0 }: Props) {
  const [text, setText] = useState(initial);
  const input = useRef<HTMLTextAreaElement>(null);

  // Grow with the text up to a few lines, then scroll inside.
  useLayoutEffect(() => {
    const el = input.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [text]);

  useEffect(() => {
    // Only when this frame has focus (the visitor clicked the launcher): reopening after a
    // page load must not pull focus, or the phone keyboard, away from the page.
    if (visible && document.hasFocus()) input.current?.focus({ preventScroll: true });
  }, [visible]);

  useEffect(() => {
    if (focusSignal > 0) input.current?.focus({ preventScroll: true });
  }, [focusSignal]);

  useEffect(() => {
    const onFocus = () => {
      if (document.activeElement === document.body) input.current?.focus({ preventScroll: true });
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);

  const update = (value: string) => {
    setText(value);
    onDraft(value);
  };

  const submit = () => {
    if (onSend(text)) update('');
    input.current?.focus({ preventScroll: true });
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Enter' || e.isComposing) return;
    if (e.shiftKey) return; // the textarea inserts the newline itself
    e.preventDefault();
    if (e.ctrlKey || e.metaKey) {
      // Browsers do nothing on Ctrl+Enter in a textarea; we make it a newline like Shift+Enter.
      const el = e.currentTarget as HTMLTextAreaElement;
      el.setRangeText('\n', el.selectionStart, el.selectionEnd, 'end');
      update(el.value);
      return;
    }
    submit();
  };

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <textarea
        ref={input}
        class="composer-input"
        aria-label={strings.composerLabel}
        placeholder={strings.composerPlaceholder}
        rows={1}
        maxLength={MAX_LENGTH}
        value={text}
        dir="auto"
        onInput={(e) => update(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <button
        type="submit"
        class="send-btn"
        aria-label={strings.send}
        title={strings.send}
        disabled={!text.trim()}
      >
        <SendIcon />
      </button>
    </form>
  );
}
