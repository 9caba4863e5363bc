import type { Conversation, Message, ProactiveInvitation, VisitorDetails } from '@parley/protocol';
import { describe, expect, it, vi } from 'vitest';
import { AgentClient } from './AgentClient';
import { at, liveVisitor, me, message, mine } from './core/fixtures';
import type { AgentSocket } from './core/request';

type Handler = (...args: never[]) => void;
type Reply = (payload: unknown) => unknown;

/** Just enough of a socket.io client to drive AgentClient: records requests, answers them. */
class FakeSocket {
  connected = false;
  active = true;
  readonly requests: Array<{ event: string; payload: unknown }> = [];
  readonly replies = new Map<string, Reply>();
  private readonly handlers = new Map<string, Handler[]>();

  on(event: string, handler: Handler) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }
  fire(event: string, ...args: unknown[]) {
    for (const h of this.handlers.get(event) ?? []) (h as (...a: unknown[]) => void)(...args);
  }
  timeout() {
    return this;
  }
  async emitWithAck(event: string, payload: unknown) {
    this.requests.push({ event, payload });
    const reply = this.replies.get(event);
    return reply ? reply(payload) : { ok: true, data: {} };
  }
  get volatile() {
    return { emit: () => undefined };
  }
  connect() {
    this.connected = true;
    this.fire('connect');
  }
  drop() {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }
  disconnect() {
    this.connected = false;
  }
  removeAllListeners() {
    this.handlers.clear();
  }
  sent(event: string) {
    return this.requests.filter((r) => r.event === event).map((r) => r.payload);
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(chats: Conversation[]) {
  const socket = new FakeSocket();
  socket.replies.set('conversation:list', (p) => {
    const { status } = p as { status: string };
    return { ok: true, data: { conversations: chats.filter((c) => c.status === status) } };
  });
  socket.replies.set('sync', () => ({ ok: true, data: { conversations: [] } }));
  socket.replies.set('conversation:watch', (p) => {
    const conversation = chats.find(
      (c) => c.id === (p as { conversationId: string }).conversationId,
    );
    return conversation
      ? { ok: true, data: { conversation, messages: [] } }
      : { ok: false, error: { code: 'NOT_FOUND', message: 'Not found.' } };
  });
  const client = new AgentClient({
    me,
    onSessionLost: vi.fn(),
    checkSession: async () => true,
    createSocket: () => socket as unknown as AgentSocket,
  });
  client.start();
  return { socket, client };
}

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

describe('AgentClient visitors', () => {
  const details = (id: string): VisitorDetails => ({
    ...liveVisitor(id),
    attributes: [],
    navigation: [{ url: 'https://shop.example/', title: 'Home', at: at(0) }],
    conversations: [],
    firstSeenAt: at(0),
  });

  it('lists visitors while watched, applies live updates, and unsubscribes after', async () => {
    const { socket, client } = setup([]);
    await settle();
    socket.replies.set('visitors:list', () => ({
      ok: true,
      data: { visitors: [liveVisitor('a'), liveVisitor('b', { state: 'chatting' })] },
    }));
    const release = client.watchVisitors();
    await settle();
    expect(client.getState().visitors).toMatchObject({ live: true, loaded: true, count: 2 });

    socket.fire('visitor:updated', liveVisitor('c', { lastSeenAt: at(5) }));
    socket.fire('visitor:updated', liveVisitor('a', { online: false, lastSeenAt: at(6) }));
    expect(Object.keys(client.getState().visitors.byId).sort()).toEqual(['a', 'b', 'c']);
    expect(client.getState().visitors.count).toBe(2);

    release();
    release(); // a second release of the same watch changes nothing
    await settle();
    expect(socket.sent('visitors:unsubscribe')).toEqual([{}]);
    expect(client.getState().visitors).toMatchObject({ live: false, byId: {}, count: 2 });
    // Updates that were already on their way no longer fill a list nobody shows.
    socket.fire('visitor:updated', liveVisitor('d'));
    expect(client.getState().visitors.byId).toEqual({});
  });

  it('re-lists after a reconnect while the page is open', async () => {
    const { socket, client } = setup([]);
    await settle();
    socket.replies.set('visitors:list', () => ({ ok: true, data: { visitors: [] } }));
    const release = client.watchVisitors();
    await settle();
    socket.drop();
    socket.connect();
    await settle();
    expect(socket.sent('visitors:list')).toHaveLength(2);
    release();
  });

  it('shows the number of visitors the server pushes, unless the live list counts them', async () => {
    const { socket, client } = setup([]);
    await settle();
    socket.fire('visitors:count', { online: 3 });
    expect(client.getState().visitors.count).toBe(3);
    socket.replies.set('visitors:list', () => ({
      ok: true,
      data: { visitors: [liveVisitor('a'), liveVisitor('b', { online: false })] },
    }));
    const release = client.watchVisitors();
    await settle();
    socket.fire('visitors:count', { online: 7 });
    expect(client.getState().visitors.count).toBe(1);
    release();
  });

  it('watches a visitor once for several viewers, merges updates, and unwatches at the end', async () => {
    const { socket, client } = setup([]);
    await settle();
    socket.replies.set('visitor:get', (p) => ({
      ok: true,
      data: { visitor: details((p as { visitorId: string }).visitorId) },
    }));
    const panel = client.watchVisitor('a');
    const drawer = client.watchVisitor('a');
    await settle();
    expect(socket.sent('visitor:get')).toEqual([{ visitorId: 'a' }]);

    const page = { url: 'https://shop.example/mug', title: 'Mug', at: at(9) };
    socket.fire('visitor:updated', liveVisitor('a', { currentPage: page, lastSeenAt: at(9) }));
    expect(client.getState().visitorDetails.a?.navigation.map((p) => p.title)).toEqual([
      'Mug',
      'Home',
    ]);

    panel();
    await settle();
    expect(socket.sent('visitor:unwatch')).toEqual([]);
    drawer();
    await settle();
    expect(socket.sent('visitor:unwatch')).toEqual([{ visitorId: 'a' }]);
    expect(client.getState().visitorDetails).toEqual({});
  });

  it('keeps the reason when a visitor cannot be read', async () => {
    const { socket, client } = setup([]);
    await settle();
    socket.replies.set('visitor:get', () => ({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Visitor not found.' },
    }));
    const release = client.watchVisitor('gone');
    await settle();
    expect(client.getState().visitorDetailsError.gone).toBe('Visitor not found.');
    release();
    expect(client.getState().visitorDetailsError).toEqual({});
  });

  it('marks an invited visitor at once and tells the agent when they decline', async () => {
    const { socket, client } = setup([]);
    await settle();
    socket.replies.set('visitors:list', () => ({
      ok: true,
      data: { visitors: [liveVisitor('a')] },
    }));
    const release = client.watchVisitors();
    await settle();
    const invitation: ProactiveInvitation = {
      id: 'inv-1',
      visitorId: 'a',
      agent: { id: me.id, name: me.name, avatarUrl: null },
      message: 'Hi!',
      status: 'pending',
      conversationId: null,
      createdAt: at(1),
    };
    socket.replies.set('visitor:invite', () => ({ ok: true, data: { invitation } }));
    expect(await client.inviteVisitor('a', 'Hi!')).toEqual({ ok: true });
    expect(client.getState().visitors.byId.a?.invitation).toEqual({
      id: 'inv-1',
      agentId: me.id,
    });

    socket.fire('proactive:updated', { ...invitation, status: 'declined' });
    expect(client.getState().visitors.byId.a?.invitation).toBeNull();
    expect(client.getState().notice?.message).toBe('#a declined your invitation');
    release();
  });

  it('says an accepted invitation started a chat, instead of "transferred"', async () => {
    const { socket, client } = setup([]);
    await settle();
    socket.fire('conversation:updated', mine('c9', { invited: true }));
    expect(client.getState().notice?.message).toBe(
      '#4821 accepted your invitation: the chat is in My chats',
    );
    expect(client.getState().handedOver).toEqual({ c9: true });
  });

  it('passes invitation refusals on with their code', async () => {
    const { socket, client } = setup([]);
    await settle();
    socket.replies.set('visitor:invite', () => ({
      ok: false,
      error: { code: 'FORBIDDEN', message: 'You are not allowed to do that.' },
    }));
    expect(await client.inviteVisitor('a', 'Hi')).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('sends a page card, reusing the clientId when the same page is sent again', async () => {
    const { socket, client } = setup([mine('c1')]);
    await settle();
    socket.replies.set('conversation:sendPage', () => ({
      ok: false,
      error: { code: 'STORAGE_UNAVAILABLE', message: 'Storage is unavailable; nothing was saved.' },
    }));
    const url = 'https://shop.example/mug';
    expect(await client.sendPage('c1', url)).toMatchObject({ ok: false });
    socket.replies.set('conversation:sendPage', () => ({
      ok: true,
      data: { id: 'm1', seq: 1, createdAt: at(1), duplicate: false },
    }));
    expect(await client.sendPage('c1', url)).toEqual({ ok: true });
    const [first, second] = socket.sent('conversation:sendPage') as Array<{ clientId: string }>;
    expect(second?.clientId).toBe(first?.clientId);
    expect(await client.sendPage('c1', url)).toEqual({ ok: true });
    const third = (socket.sent('conversation:sendPage') as Array<{ clientId: string }>)[2];
    expect(third?.clientId).not.toBe(first?.clientId);
  });
});
