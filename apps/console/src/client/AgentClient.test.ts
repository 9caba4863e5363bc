import type { Message } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { message, mine } from './core/fixtures';
import { settle, setup } from './core/testing';

describe('AgentClient', () => {
  it('after a reconnect, syncs from the seq it holds and merges what it missed', async () => {
    const { socket, client } = setup([mine('c1', { lastSeq: 3 })]);
    await settle();
    socket.fire('message:new', message('c1', 4));
    socket.drop();

    const missed: Message[] = [message('c1', 5), message('c1', 6)];
    socket.replies.set('sync', () => ({
      ok: true,
      data: { conversations: [{ conversation: mine('c1', { lastSeq: 6 }), messages: missed }] },
    }));
    socket.connect();
    await settle();

    expect(socket.sent('sync')).toEqual([{ conversations: [{ id: 'c1', afterSeq: 4 }] }]);
    expect(client.getState().messages.c1?.map((m) => m.seq)).toEqual([4, 5, 6]);
    expect(client.getState().syncedSeq.c1).toBe(6);
  });

  it('keeps a send made offline pending and retries it with the same clientId', async () => {
    const { socket, client } = setup([mine('c1')]);
    await settle();
    socket.drop();
    client.send('c1', '  Back in a second  ');
    expect(socket.sent('message:send')).toEqual([]);
    const [pending] = Object.values(client.getState().pending);
    expect(pending).toMatchObject({ body: 'Back in a second', state: 'sending' });
    expect(pending?.clientId).toMatch(/^[A-Za-z0-9_-]{16,}$/);

    socket.replies.set('message:send', () => ({
      ok: true,
      data: { id: 'm1', seq: 1, createdAt: '2025-01-01T10:00:00.000Z', duplicate: false },
    }));
    socket.connect();
    await settle();
    expect(socket.sent('message:send')).toEqual([
      {
        conversationId: 'c1',
        clientId: pending?.clientId,
        body: 'Back in a second',
        visibility: 'public',
      },
    ]);
    expect(client.getState().pending).toEqual({});
    expect(client.getState().messages.c1?.map((m) => m.id)).toEqual(['m1']);
  });

  it('shows a refused send as failed, and Retry reuses its clientId', async () => {
    const { socket, client } = setup([mine('c1')]);
    await settle();
    socket.replies.set('message:send', () => ({
      ok: false,
      error: { code: 'RATE_LIMITED', message: 'Too many requests; slow down.' },
    }));
    client.send('c1', 'hello');
    await settle();
    const [failed] = Object.values(client.getState().pending);
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'RATE_LIMITED' } });

    socket.replies.set('message:send', () => ({
      ok: true,
      data: { id: 'm1', seq: 1, createdAt: '2025-01-01T10:00:00.000Z', duplicate: false },
    }));
    client.retry(failed!.clientId);
    await settle();
    const ids = socket.sent('message:send').map((p) => (p as { clientId: string }).clientId);
    expect(ids).toEqual([failed!.clientId, failed!.clientId]);
    expect(client.getState().pending).toEqual({});
  });

  it('drops a chat another agent took first, with a notice', async () => {
    const { socket, client } = setup([mine('c1', { status: 'queued', assignee: null })]);
    await settle();
    socket.replies.set('conversation:accept', () => ({
      ok: false,
      error: { code: 'ALREADY_TAKEN', message: 'Another agent has already taken this chat.' },
    }));
    client.select('c1');
    const result = await client.accept('c1');
    expect(result).toEqual({ ok: false, message: 'Another agent already took this chat' });
    expect(client.getState().conversations.c1).toBeUndefined();
    expect(client.getState().selectedId).toBeNull();
    expect(client.getState().notice?.message).toBe('Another agent already took this chat');
  });
});
