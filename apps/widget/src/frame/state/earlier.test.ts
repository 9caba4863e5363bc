import type { EarlierConversation, Message } from '@parley/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import de from '../locales/de.json';
import { applyStrings, en, type Strings } from '../strings';
import { addPage, earlierItems } from './earlier';
import { msg, settle, setup } from './testing';

const chat = (id: string, messages: Message[], agent = 'Ana'): EarlierConversation => ({
  id,
  createdAt: '2025-03-03T10:00:00.000Z',
  closedAt: '2025-03-03T10:30:00.000Z',
  agent: { id: 'a1', name: agent },
  messages,
  truncated: false,
});

afterEach(() => applyStrings('en', en));

describe('earlier conversations in the widget', () => {
  it('puts older pages on top, shows none twice, and keeps where the next page starts', () => {
    const first = addPage(null, {
      total: 3,
      conversations: [chat('b', []), chat('c', [])],
      nextCursor: 'b',
    });
    expect(first.cursor).toBe('b');
    const both = addPage(first, {
      total: 3,
      conversations: [chat('a', []), chat('b', [])],
      nextCursor: null,
    });
    expect(both.list.map((c) => c.id)).toEqual(['a', 'b', 'c']);
    expect(both.cursor).toBeNull();
  });

  it('draws each chat under a line with its date and agent, then "This conversation"', () => {
    const items = earlierItems([
      chat('a', [msg('a', 1, 'visitor'), msg('a', 2)]),
      chat('b', [msg('b', 1, 'visitor')], 'Bo'),
    ]);
    const lines = items.flatMap((i) => (i.kind === 'sep' ? [i.text] : []));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/2025 · Ana$/);
    expect(lines[1]).toMatch(/2025 · Bo$/);
    expect(lines[2]).toBe('This conversation');
    // No day divider repeats the date the line above already says.
    expect(items[1]).toMatchObject({ kind: 'message', body: 'message 1', author: 'visitor' });
    expect(items.filter((i) => i.kind === 'message')).toHaveLength(3);
  });

  it('never draws anything but public messages', () => {
    const note: Message = { ...msg('a', 2), body: 'internal', visibility: 'private' };
    const items = earlierItems([chat('a', [msg('a', 1, 'visitor'), note])]);
    expect(JSON.stringify(items)).not.toContain('internal');
  });

  it('draws nothing when there is nothing earlier', () => {
    expect(earlierItems([])).toEqual([]);
  });

  it('says "This conversation" in the visitor’s language', () => {
    applyStrings('de', de as Strings);
    const items = earlierItems([chat('a', [msg('a', 1, 'visitor')])]);
    expect(items.at(-1)).toMatchObject({ kind: 'sep', text: 'Dieses Gespräch' });
  });

  it('asks the server over the socket for the visitor’s own earlier chats', async () => {
    const { store, server } = await setup();
    server.handlers['conversation:earlier'] = () => ({
      total: 2,
      conversations: [],
      nextCursor: null,
    });
    server.connect();
    await settle();
    const res = await store.earlier({ conversationId: 'c2', limit: 0 });
    expect(res.total).toBe(2);
    expect(server.calls.at(-1)).toEqual({
      name: 'conversation:earlier',
      payload: { conversationId: 'c2', limit: 0 },
    });
  });
});
