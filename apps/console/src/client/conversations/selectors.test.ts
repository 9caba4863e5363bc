import { describe, expect, it } from 'vitest';
import { conversation, me, message, mine } from '../core/fixtures';
import {
  lastMessagePreview,
  myConversations,
  syncRequest,
  unreadCount,
  visitorLabel,
  waitingConversations,
} from './selectors';
import { initialState } from '../core/state';
import { receiveMessages } from '../messages/messages';
import { select, upsertConversations } from './conversations';

describe('unreadCount', () => {
  it('counts visitor messages after the read mark, not agent or system ones', () => {
    let s = upsertConversations(initialState(me), [mine('c1', { lastSeq: 1 })], { baseline: true });
    s = receiveMessages(s, 'c1', [
      message('c1', 2),
      message('c1', 3, { author: { type: 'agent', id: me.id, name: me.name } }),
      message('c1', 4, { author: { type: 'system', id: null, name: null } }),
      message('c1', 5),
    ]);
    expect(unreadCount(s, 'c1')).toBe(2);
  });

  it('is zero for the open chat and after a duplicate delivery', () => {
    let s = upsertConversations(initialState(me), [mine('c1')]);
    s = select(s, 'c1');
    s = receiveMessages(s, 'c1', [message('c1', 1)]);
    expect(unreadCount(s, 'c1')).toBe(1); // the store alone does not know the page is visible
    s = select(select(s, null), 'c1');
    s = receiveMessages(s, 'c1', [message('c1', 1)]);
    expect(unreadCount(s, 'c1')).toBe(0);
  });
});

describe('lists', () => {
  const other = { id: 'other', name: 'Olga', avatarUrl: null };

  it('waiting: queued and offered chats, longest waiting first', () => {
    const s = upsertConversations(initialState(me), [
      conversation('late', { createdAt: '2025-01-01T10:09:00.000Z' }),
      conversation('early', { createdAt: '2025-01-01T10:01:00.000Z', status: 'offered' }),
      mine('taken'),
    ]);
    expect(waitingConversations(s).map((c) => c.id)).toEqual(['early', 'late']);
  });

  it('my chats: active ones assigned to me, newest first', () => {
    const s = upsertConversations(initialState(me), [
      mine('old', { acceptedAt: '2025-01-01T09:00:00.000Z' }),
      mine('new', { acceptedAt: '2025-01-01T11:00:00.000Z' }),
      mine('done', { status: 'closed' }),
      conversation('theirs', { status: 'active', assignee: other }),
    ]);
    expect(myConversations(s).map((c) => c.id)).toEqual(['new', 'old']);
  });

  it('sync asks for every open chat from the seq it holds', () => {
    let s = upsertConversations(initialState(me), [mine('a', { lastSeq: 4 })], { baseline: true });
    s = upsertConversations(s, [conversation('b'), mine('z', { status: 'closed' })]);
    s = receiveMessages(s, 'b', [message('b', 1)]);
    expect(syncRequest(s)).toEqual([
      { id: 'a', afterSeq: 4 },
      { id: 'b', afterSeq: 1 },
    ]);
  });
});

describe('lastMessagePreview', () => {
  it('prefers the newer of the held message and the server summary', () => {
    let s = upsertConversations(initialState(me), [
      conversation('c1', {
        lastMessage: {
          body: 'summary',
          authorType: 'visitor',
          createdAt: '2025-01-01T11:00:00.000Z',
        },
      }),
    ]);
    expect(lastMessagePreview(s, 'c1')?.body).toBe('summary');
    s = receiveMessages(s, 'c1', [
      message('c1', 1, { body: 'live', createdAt: '2025-01-01T12:00:00.000Z' }),
    ]);
    expect(lastMessagePreview(s, 'c1')?.body).toBe('live');
  });
});

describe('visitorLabel', () => {
  it('uses the name once given, else the code', () => {
    expect(visitorLabel(conversation('c'))).toBe('#4821');
    expect(
      visitorLabel(
        conversation('c', { visitor: { id: 'v', code: '#1', name: 'Ada', email: null } }),
      ),
    ).toBe('Ada');
  });
});
