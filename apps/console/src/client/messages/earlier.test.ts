import type { EarlierConversation } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { earlierLabel, noEarlier, withPage } from './earlier';

const chat = (id: string, agent: string | null = null): EarlierConversation => ({
  id,
  createdAt: '2025-03-03T14:05:00.000Z',
  closedAt: '2025-03-03T14:20:00.000Z',
  agent: agent ? { id: `a-${agent}`, name: agent } : null,
  messages: [],
  truncated: false,
});

describe('earlier conversations in the thread', () => {
  it('puts older pages on top and remembers whether more are left', () => {
    const first = withPage(noEarlier, {
      total: 3,
      conversations: [chat('b'), chat('c')],
      nextCursor: 'b',
    });
    expect(first.cursor).toBe('b');
    const second = withPage(first, {
      total: 3,
      conversations: [chat('a'), chat('b')],
      nextCursor: null,
    });
    expect(second.conversations.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(second.cursor).toBe('');
  });

  it('names the date and the agent above each one', () => {
    expect(earlierLabel(chat('a', 'Ana'), () => '3 Mar 2025')).toBe('3 Mar 2025 · Ana');
    expect(earlierLabel(chat('a'), () => '3 Mar 2025')).toBe('3 Mar 2025');
  });
});
