import { useLayoutEffect, useRef, useState } from 'react';
import { insertAt } from '../../client/composer/textEdit';
import { useConsole } from '../../context';

/**
 * The reply box's text: kept per chat in the draft book, so switching chats loses nothing,
 * with the caret put back where an edit made by code leaves it.
 */
export function useDraft(conversationId: string, onChange: (value: string) => void) {
  const { drafts } = useConsole();
  const [text, setText] = useState(() => drafts.get(conversationId));
  const input = useRef<HTMLTextAreaElement>(null);
  const caretAfterRender = useRef<number | null>(null);

  // A newline inserted by hand (Ctrl+Enter) must leave the caret after it, not at the end.
  useLayoutEffect(() => {
    const caret = caretAfterRender.current;
    if (caret === null || !input.current) return;
    input.current.setSelectionRange(caret, caret);
    caretAfterRender.current = null;
  }, [text]);

  function change(value: string) {
    setText(value);
    drafts.set(conversationId, value);
    onChange(value);
  }

  return {
    text,
    input,
    change,
    /** Puts text at the caret (or over the selection) and keeps the caret after it. */
    insert(snippet: string) {
      const el = input.current;
      const start = el?.selectionStart ?? text.length;
      const end = el?.selectionEnd ?? text.length;
      const next = insertAt(text, start, end, snippet);
      caretAfterRender.current = next.caret;
      change(next.text);
      el?.focus();
    },
    /** Replaces the selection with a line break (browsers add none for Ctrl+Enter). */
    newline(start: number, end: number) {
      caretAfterRender.current = start + 1;
      change(`${text.slice(0, start)}\n${text.slice(end)}`);
    },
    /** Replaces all of the text (a picked saved reply), caret at the end. */
    replace(value: string) {
      caretAfterRender.current = null;
      change(value);
      input.current?.focus();
    },
    focus() {
      input.current?.focus();
    },
  };
}
