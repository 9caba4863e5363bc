import type { ProactiveInvitation, VisitorDetails } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { at, liveVisitor, me, mine } from '../core/fixtures';
import { settle, setup } from '../core/testing';

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
