import type { Message } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import {
  countUnread,
  dropDelivered,
  highestSeq,
  mergeMessages,
  normalizeBody,
  type ChatMessage,
  type PendingMessage,
} from './messages';

function m(seq: number, over: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    clientId: null,
    author: { type: 'agent', id: 'a1', name: 'Ana' },
    body: `body ${seq}`,
    visibility: 'public',
    createdAt: '2025-01-01T10:00:00.000Z',
    ...over,
  };
}

describe('mergeMessages', () => {
  it('orders by seq and keeps each id once', () => {
    const list = mergeMessages([m(2)], [m(3), m(1), m(2), m(3)]);
    expect(list.map((x) => x.seq)).toEqual([1, 2, 3]);
  });

  it('returns the same array when nothing is new', () => {
    const list = [m(1), m(2)];
    expect(mergeMessages(list, [m(1), { ...m(2) }])).toBe(list);
    expect(mergeMessages(list, [])).toBe(list);
  });

  it("lets the server's copy replace one built from our own ack, never the reverse", () => {
    const local = m(1, { body: 'mine', local: true });
    const server = m(1, { body: 'mine :)' });
    expect(mergeMessages([local], [server])[0]?.body).toBe('mine :)');
    expect(mergeMessages([server], [local])[0]?.body).toBe('mine :)');
  });

  it('never shows a private message', () => {
    expect(mergeMessages([], [m(1, { visibility: 'private' as Message['visibility'] })])).toEqual(
      [],
    );
  });
});

describe('pending and unread', () => {
  const pending = (clientId: string): PendingMessage => ({
    clientId,
    conversationId: 'c1',
    body: 'x',
    createdAt: '2025-01-01T10:00:00.000Z',
    state: 'sending',
  });

  it('drops pending sends once their message is in the list', () => {
    const p = [pending('aaaaaaaaaaaaaaaa'), pending('bbbbbbbbbbbbbbbb')];
    expect(
      dropDelivered(p, [m(1, { clientId: 'aaaaaaaaaaaaaaaa' })]).map((x) => x.clientId),
    ).toEqual(['bbbbbbbbbbbbbbbb']);
    expect(dropDelivered(p, [m(2)])).toBe(p);
  });

  it('counts only agent messages after the seen seq', () => {
    const list = [
      m(1),
      m(2, { author: { type: 'visitor', id: null, name: null } }),
      m(3),
      m(4, { author: { type: 'system', id: null, name: null } }),
    ];
    expect(countUnread(list, 0)).toBe(2);
    expect(countUnread(list, 1)).toBe(1);
    expect(countUnread(list, 3)).toBe(0);
    expect(highestSeq(list)).toBe(4);
  });

  it('normalizes bodies like the server', () => {
    expect(normalizeBody('  a\r\nb\rc  ')).toBe('a\nb\nc');
    expect(normalizeBody(' \n ')).toBe('');
  });
});
