import type { Message } from '@parley/protocol';

/** An answer the visitor clicked that the server has not acknowledged (or refused). */
export interface PendingAnswer {
  choice: number;
  state: 'sending' | 'failed';
  errorCode?: string;
}

/** Question id → the choice answered, from the answer messages in the list. */
export function answersOf(messages: readonly Message[]): ReadonlyMap<string, number> {
  const out = new Map<string, number>();
  for (const m of messages)
    if (m.kind === 'answer' && m.answer && !out.has(m.answer.messageId))
      out.set(m.answer.messageId, m.answer.choice);
  return out;
}

export interface OptionsView {
  /** No button can be pressed: answered, being answered, or the chat is over. */
  disabled: boolean;
  /** The choice shown as picked (answered, or on its way). */
  chosen: number | null;
  /** The last try failed with this code (the buttons are usable again). */
  errorCode: string | null;
}

/**
 * How an options message's buttons look. Answered (by any tab) means disabled for good; one
 * answer per question is all the server keeps anyway.
 */
export function optionsView(
  messageId: string,
  answers: ReadonlyMap<string, number>,
  pending: Readonly<Record<string, PendingAnswer>>,
  open: boolean,
): OptionsView {
  const answered = answers.get(messageId);
  if (answered !== undefined) return { disabled: true, chosen: answered, errorCode: null };
  const p = pending[messageId];
  if (p?.state === 'sending') return { disabled: true, chosen: p.choice, errorCode: null };
  return { disabled: !open, chosen: null, errorCode: p?.errorCode ?? null };
}
