import { describe, expect, it } from 'vitest';
import { message } from '../core/fixtures';
import { answersByQuestion, questionOf, validateOptions } from './options';

describe('options and answers', () => {
  const q = message('c', 3, {
    author: { type: 'agent', id: 'agent-me', name: 'Mia' },
    kind: 'options',
    body: 'Refund or exchange?',
    choices: ['Refund', 'Exchange'],
  });
  const a = message('c', 4, {
    kind: 'answer',
    body: 'Exchange',
    answer: { messageId: q.id, choice: 1 },
  });

  it('maps each question to the chosen index', () => {
    expect(answersByQuestion([q, a]).get(q.id)).toBe(1);
    expect(answersByQuestion([q]).has(q.id)).toBe(false);
  });

  it('keeps the first answer if a duplicate arrives', () => {
    const again = message('c', 5, { kind: 'answer', answer: { messageId: q.id, choice: 0 } });
    expect(answersByQuestion([q, a, again]).get(q.id)).toBe(1);
  });

  it('finds the question an answer refers to', () => {
    expect(questionOf([q, a], a)?.body).toBe('Refund or exchange?');
    expect(questionOf([a], a)).toBeUndefined();
  });

  it('validates the form: question, 2 to 6 filled, distinct choices', () => {
    expect(validateOptions({ question: ' Pick ', choices: [' A', 'B '] })).toEqual({
      ok: true,
      question: 'Pick',
      choices: ['A', 'B'],
    });
    const bad = validateOptions({ question: '', choices: ['A', 'a', ''] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['choice1', 'choice2', 'question']);
    const few = validateOptions({ question: 'x', choices: ['A'] });
    expect(few.ok || few.errors.choices).toMatch(/at least 2/);
    const many = validateOptions({ question: 'x', choices: ['1', '2', '3', '4', '5', '6', '7'] });
    expect(many.ok || many.errors.choices).toMatch(/at most 6/);
  });
});
