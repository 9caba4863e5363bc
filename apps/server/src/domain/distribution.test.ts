import { describe, expect, it } from 'vitest';
import { estimateWaitSeconds, pickAgents, type Candidate } from './distribution.js';

/** Runs a method over a stream of chats with a clock we move by hand, as the router would. */
function simulate(
  method: 'round_robin' | 'least_busy' | 'to_all',
  agents: Candidate[],
  chats: number,
  step = 1000,
): string[][] {
  let now = 1_000_000;
  const picks: string[][] = [];
  for (let i = 0; i < chats; i++) {
    now += step;
    const chosen = pickAgents(method, agents);
    picks.push(chosen);
    for (const id of chosen) {
      const a = agents.find((c) => c.agentId === id)!;
      a.lastOfferedAt = now;
      if (method !== 'to_all') a.load += 1;
    }
  }
  return picks;
}

const agent = (
  agentId: string,
  load = 0,
  maxChats = 5,
  lastOfferedAt: number | null = null,
): Candidate => ({
  agentId,
  load,
  maxChats,
  lastOfferedAt,
});

describe('round robin', () => {
  it('takes turns, starting with whoever was offered a chat longest ago', () => {
    const picks = simulate(
      'round_robin',
      [agent('ana', 0, 5, 3000), agent('ben', 0, 5, 1000), agent('cat')],
      6,
    );
    expect(picks.flat()).toEqual(['cat', 'ben', 'ana', 'cat', 'ben', 'ana']);
  });

  it('skips agents at capacity and stops when everyone is full', () => {
    const picks = simulate('round_robin', [agent('ana', 0, 1), agent('ben', 0, 2)], 4);
    expect(picks).toEqual([['ana'], ['ben'], ['ben'], []]);
  });
});

describe('least busy', () => {
  it('gives the chat to the agent with the fewest chats, ties to the longest idle', () => {
    const agents = [agent('ana', 2, 5, 100), agent('ben', 1, 5, 200), agent('cat', 1, 5, 50)];
    // After two picks all three carry two chats, so the longest idle (ana) is next.
    expect(simulate('least_busy', agents, 4).flat()).toEqual(['cat', 'ben', 'ana', 'cat']);
  });

  it('never exceeds an agent’s own maximum', () => {
    const picks = simulate('least_busy', [agent('ana', 0, 2), agent('ben', 3, 3)], 3);
    expect(picks).toEqual([['ana'], ['ana'], []]);
  });
});

describe('to all', () => {
  it('offers to every agent with room', () => {
    expect(pickAgents('to_all', [agent('ben'), agent('ana'), agent('full', 5, 5)])).toEqual([
      'ana',
      'ben',
    ]);
    expect(pickAgents('to_all', [agent('full', 5, 5)])).toEqual([]);
  });
});

describe('estimated wait', () => {
  it('grows with the position and shrinks with the agents who have room', () => {
    const recent = [30_000, 90_000];
    expect(estimateWaitSeconds(1, recent, 1)).toBe(60);
    expect(estimateWaitSeconds(3, recent, 1)).toBe(180);
    expect(estimateWaitSeconds(3, recent, 3)).toBe(60);
    expect(estimateWaitSeconds(1, [], 0)).toBe(60);
  });
});
