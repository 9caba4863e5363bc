import type { Message } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { answersOf, optionsView } from './options';

const base = {
  conversationId: 'c1',
  clientId: null,
  visibility: 'public' as const,
  createdAt: '2025-01-01T10:00:00.000Z',
};
const question: Message = {
  ...base,
  id: 'q1',
  seq: 1,
  author: { type: 'agent', id: 'a1', name: 'Ana' },
  body: 'Card or credit?',
  kind: 'options',
  choices: ['Card', 'Credit'],
};
const answer: Message = {
  ...base,
  id: 'a1',
  seq: 2,
  clientId: 'answer-q1',
  author: { type: 'visitor', id: null, name: null },
  body: 'Credit',
  kind: 'answer',
  answer: { messageId: 'q1', choice: 1 },
};

describe('options', () => {
  it('reads answers from answer messages', () => {
    expect([...answersOf([question, answer])]).toEqual([['q1', 1]]);
    expect(answersOf([question]).size).toBe(0);
  });

  it('enables the buttons of an open, unanswered question', () => {
    expect(optionsView('q1', answersOf([question]), {}, true)).toEqual({
      disabled: false,
      chosen: null,
      errorCode: null,
    });
  });

  it('disables every button once any answer exists, showing the one chosen', () => {
    const view = optionsView('q1', answersOf([question, answer]), {}, true);
    expect(view).toEqual({ disabled: true, chosen: 1, errorCode: null });
    // An answer from the server wins over a click still in flight here.
    const racing = optionsView(
      'q1',
      answersOf([question, answer]),
      { q1: { choice: 0, state: 'sending' } },
      true,
    );
    expect(racing.chosen).toBe(1);
  });

  it('disables the buttons while an answer is on its way', () => {
    const view = optionsView('q1', new Map(), { q1: { choice: 0, state: 'sending' } }, true);
    expect(view).toEqual({ disabled: true, chosen: 0, errorCode: null });
  });

  it('enables them again after a failed answer, with the reason', () => {
    const view = optionsView(
      'q1',
      new Map(),
      { q1: { choice: 0, state: 'failed', errorCode: 'DISCONNECTED' } },
      true,
    );
    expect(view).toEqual({ disabled: false, chosen: null, errorCode: 'DISCONNECTED' });
  });

  it('disables unanswered questions of an ended chat', () => {
    expect(optionsView('q1', new Map(), {}, false).disabled).toBe(true);
  });
});
