import { describe, expect, it } from 'vitest';
import { me, mine } from '../core/fixtures';
import { settle, setup } from '../core/testing';

describe('AgentClient routing actions', () => {
  it('a rejected offer leaves the list and the open chat', async () => {
    const offered = mine('c1', { status: 'offered', assignee: null, offeredTo: [me.id] });
    const { socket, client } = setup([offered]);
    await settle();
    client.select('c1');
    await settle();
    socket.replies.set('conversation:reject', () => {
      // The server reports the ended offer before it answers.
      socket.fire('conversation:updated', { ...offered, status: 'queued', offeredTo: [] });
      return { ok: true, data: {} };
    });
    expect(await client.reject('c1')).toEqual({ ok: true });
    expect(socket.sent('conversation:reject')).toEqual([{ conversationId: 'c1' }]);
    expect(client.getState().rejected.c1).toBe(true);
    expect(client.getState().selectedId).toBeNull();
    expect(client.getState().notice).toBeNull();
  });

  it('sends private notes with visibility private', async () => {
    const { socket, client } = setup([mine('c1')]);
    await settle();
    socket.replies.set('message:send', () => ({
      ok: true,
      data: { id: 'm1', seq: 1, createdAt: '2025-01-01T10:00:00.000Z', duplicate: false },
    }));
    client.send('c1', 'only for agents', 'private');
    await settle();
    expect(socket.sent('message:send')).toMatchObject([{ visibility: 'private' }]);
    expect(client.getState().messages.c1?.[0]?.visibility).toBe('private');
  });

  it('tells the inviter when the invitee joins, and shows invitations to me', async () => {
    const { socket, client } = setup([mine('c1')]);
    await settle();
    const base = {
      id: 'i1',
      conversationId: 'c1',
      inviter: { id: me.id, name: me.name },
      invitee: { id: 'ben', name: 'Ben' },
      inviterLeaves: false,
      createdAt: '2025-01-01T10:00:00.000Z',
    };
    socket.fire('invitation:updated', { ...base, status: 'pending' });
    socket.fire('invitation:updated', { ...base, status: 'accepted' });
    expect(client.getState().notice?.message).toBe('Ben joined the chat');
    socket.fire('invitation:updated', {
      ...base,
      id: 'i2',
      inviter: { id: 'ben', name: 'Ben' },
      invitee: { id: me.id, name: me.name },
      status: 'pending',
    });
    expect(client.getState().invitations.i2?.status).toBe('pending');
  });

  it('an invited colleague keeps watching the chat when switching away', async () => {
    const invited = mine('c1', {
      assignee: { id: 'ana', name: 'Ana', avatarUrl: null },
      participants: [{ id: me.id, name: me.name, avatarUrl: null }],
    });
    const { socket, client } = setup([invited, mine('c2')]);
    await settle();
    expect(socket.sent('conversation:watch')).toEqual([{ conversationId: 'c1' }]);
    client.select('c1');
    client.select('c2');
    await settle();
    expect(socket.sent('conversation:unwatch')).toEqual([]);
  });
});

describe('AgentClient hand-overs', () => {
  it('tells the agent when a chat is transferred to them, but not when they accept one', async () => {
    const waiting = mine('c1', { status: 'queued', assignee: null });
    const { socket, client } = setup([waiting]);
    await settle();
    socket.replies.set('conversation:accept', () => {
      socket.fire('conversation:updated', mine('c1'));
      return { ok: true, data: { conversation: mine('c1') } };
    });
    await client.accept('c1');
    expect(client.getState().notice).toBeNull();
    expect(client.getState().handedOver).toEqual({});

    const ana = { id: 'ana', name: 'Ana', avatarUrl: null };
    socket.fire('conversation:updated', mine('c2', { assignee: ana }));
    socket.fire('conversation:updated', mine('c2'));
    expect(client.getState().notice?.message).toBe('The chat with #4821 is now yours');
    expect(client.getState().handedOver).toEqual({ c2: true });
    client.select('c2');
    expect(client.getState().handedOver).toEqual({});
  });
});
