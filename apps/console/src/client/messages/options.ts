import type { Message } from '@parley/protocol';

export const MIN_CHOICES = 2;
export const MAX_CHOICES = 6;
export const MAX_CHOICE_LENGTH = 200;

/** The chosen index per options message id, from the answer messages that point at them. */
export function answersByQuestion(messages: readonly Message[]): ReadonlyMap<string, number> {
  const out = new Map<string, number>();
  for (const m of messages) {
    if (m.kind === 'answer' && m.answer && !out.has(m.answer.messageId)) {
      out.set(m.answer.messageId, m.answer.choice);
    }
  }
  return out;
}

/** The question an answer refers to, for "Answer to: …". */
export function questionOf(messages: readonly Message[], answer: Message): Message | undefined {
  const id = answer.answer?.messageId;
  return id ? messages.find((m) => m.id === id && m.kind === 'options') : undefined;
}

export interface OptionsDraft {
  question: string;
  choices: string[];
}

/** Checks the options form; returns what to send, or the problems by field. */
export function validateOptions(
  draft: OptionsDraft,
):
  | { ok: true; question: string; choices: string[] }
  | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const question = draft.question.trim();
  if (!question) errors.question = 'Write the question';
  const choices = draft.choices.map((c) => c.trim());
  choices.forEach((c, i) => {
    if (!c) errors[`choice${i}`] = 'Fill in or remove this choice';
    else if (c.length > MAX_CHOICE_LENGTH)
      errors[`choice${i}`] = `At most ${MAX_CHOICE_LENGTH} characters`;
  });
  const seen = new Set<string>();
  choices.forEach((c, i) => {
    const k = c.toLowerCase();
    if (c && seen.has(k)) errors[`choice${i}`] = 'Same as another choice';
    seen.add(k);
  });
  if (choices.length < MIN_CHOICES) errors.choices = `Give at least ${MIN_CHOICES} choices`;
  if (choices.length > MAX_CHOICES) errors.choices = `Give at most ${MAX_CHOICES} choices`;
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, question, choices };
}
