import type { EarlierResponse, VisitorConversation } from '@parley/protocol';
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { signIdentityToken } from '../../domain/identityToken.js';
import { addMember, addSite, agentSocket, demoSite } from '../../test/access.js';
import { useTestServer } from '../../test/fixture.js';
import {
  agentCall,
  connectVisitor,
  connected,
  newVisitor,
  ok,
  request,
  visitorFetch,
  type AgentLogin,
} from '../../test/server.js';
import { dialects } from '../../test/storage.js';

const cid = () => `client-${Math.random().toString(36).slice(2, 12)}`;

describe.each(dialects)('earlier conversations of a returning visitor (%s)', (dialect) => {
  const t = useTestServer(dialect);

  async function visitorOn(siteKey = t.server.siteKey) {
    const { token, visitorId } = await newVisitor(t.server.url, siteKey);
    const socket = t.track(connectVisitor(t.server.url, token));
    await connected(socket);
    return { token, visitorId, socket };
  }

  async function start(socket: Socket, body: string) {
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      socket,
      'conversation:start',
    );
    await ok(socket, 'message:send', { conversationId: conversation.id, clientId: cid(), body });
    return conversation;
  }

  /** A chat the admin answers, notes privately and closes. */
  async function servedChat(socket: Socket, words: string) {
    const admin = await agentSocket(t, t.admin);
    const c = await start(socket, `visitor: ${words}`);
    await ok(admin, 'conversation:accept', { conversationId: c.id });
    await ok(admin, 'message:send', {
      conversationId: c.id,
      clientId: cid(),
      body: `reply ${words}`,
    });
    await ok(admin, 'message:send', {
      conversationId: c.id,
      clientId: cid(),
      body: `note ${words}`,
      visibility: 'private',
    });
    await ok(admin, 'conversation:close', { conversationId: c.id });
    return c;
  }

  const agentEarlier = (login: AgentLogin, id: string, query = '') =>
    agentCall<EarlierResponse & { error?: { code: string } }>(
      t.server.url,
      login,
      'GET',
      `/conversations/${id}/earlier${query}`,
    );

  /** What people wrote in each conversation (system lines such as "… joined" left out). */
  const bodies = (r: EarlierResponse) =>
    r.conversations.map((c) =>
      c.messages.filter((m) => m.author.type !== 'system').map((m) => m.body),
    );

  async function identify(token: string, email: string) {
    const secret = (await demoSite(t)).identitySecret!;
    const jwt = await signIdentityToken(
      { email, exp: Math.floor(Date.now() / 1000) + 600 },
      secret,
    );
    const res = await visitorFetch(t.server.url, token, '/widget/identify', {
      method: 'POST',
      body: JSON.stringify({ jwt }),
    });
    expect(res.status).toBe(200);
  }

  it('shows the agent the earlier chat with its notes, and the visitor its public part', async () => {
    const { token, socket } = await visitorOn();
    const first = await servedChat(socket, 'first visit');
    const now = await start(socket, 'back again');

    const forAgent = await agentEarlier(t.admin, now.id);
    expect(forAgent.status).toBe(200);
    expect(forAgent.body.total).toBe(1);
    expect(forAgent.body.nextCursor).toBeNull();
    const [earlier] = forAgent.body.conversations;
    expect(earlier).toMatchObject({ id: first.id, agent: { name: expect.any(String) } });
    expect(earlier!.closedAt).not.toBeNull();
    const note = earlier!.messages.find((m) => m.body === 'note first visit');
    expect(note?.visibility).toBe('private');
    expect(earlier!.messages.map((m) => m.body)).toEqual(
      expect.arrayContaining(['visitor: first visit', 'reply first visit']),
    );

    const forVisitor = await ok<EarlierResponse>(socket, 'conversation:earlier', {
      conversationId: now.id,
    });
    expect(forVisitor.total).toBe(1);
    const seen = forVisitor.conversations[0]!.messages;
    expect(seen.every((m) => m.visibility === 'public')).toBe(true);
    expect(JSON.stringify(forVisitor)).not.toContain('note first visit');
    expect(seen.map((m) => m.body)).toEqual(
      expect.arrayContaining(['visitor: first visit', 'reply first visit']),
    );
    // Numbered as the visitor counts: no gap where the note is.
    expect(seen.map((m) => m.seq)).toEqual(seen.map((_, i) => i + 1));

    const rest = await visitorFetch(t.server.url, token, `/widget/conversations/${now.id}/earlier`);
    expect(rest.status).toBe(200);
    const restBody = (await rest.json()) as EarlierResponse;
    expect(restBody.conversations.map((c) => c.id)).toEqual([first.id]);
    expect(JSON.stringify(restBody)).not.toContain('note first visit');

    // The count alone, for the collapsed control; and with no chat shown, every ended one.
    const count = await ok<EarlierResponse>(socket, 'conversation:earlier', {
      conversationId: now.id,
      limit: 0,
    });
    expect(count).toEqual({ total: 1, conversations: [], nextCursor: null });
    const all = await ok<EarlierResponse>(socket, 'conversation:earlier', {});
    expect(all.conversations.map((c) => c.id)).toEqual([first.id]);
  });

  it('never lets another visitor read them', async () => {
    const owner = await visitorOn();
    await servedChat(owner.socket, 'private matters');
    const now = await start(owner.socket, 'hello again');

    const stranger = await visitorOn();
    const refused = await request(stranger.socket, 'conversation:earlier', {
      conversationId: now.id,
    });
    expect(!refused.ok && refused.error.code).toBe('NOT_FOUND');
    const rest = await visitorFetch(
      t.server.url,
      stranger.token,
      `/widget/conversations/${now.id}/earlier`,
    );
    expect(rest.status).toBe(404);
    // Their own history is empty: nothing of the owner's leaks into it.
    const own = await ok<EarlierResponse>(stranger.socket, 'conversation:earlier', {});
    expect(own.total).toBe(0);
  });

  it('shows notes only to agents who may read them, and nothing outside their sites', async () => {
    const { socket } = await visitorOn();
    await servedChat(socket, 'order 77');
    const now = await start(socket, 'about order 77 again');
    const site = await demoSite(t);

    // An agent of the site (the new chat is waiting: theirs to pick up) reads what was said.
    const agent = await addMember(t, 'Plain', 'agent', [site.id]);
    const plain = await agentEarlier(agent.login, now.id);
    expect(plain.status).toBe(200);
    expect(bodies(plain.body)).toEqual([['visitor: order 77', 'reply order 77']]);

    const supervisor = await addMember(t, 'Boss', 'supervisor', [site.id]);
    const boss = await agentEarlier(supervisor.login, now.id);
    expect(bodies(boss.body)[0]).toContain('note order 77');

    const elsewhere = await addSite(t, `Other ${dialect}`);
    const outsider = await addMember(t, 'Outsider', 'supervisor', [elsewhere.id]);
    const refused = await agentEarlier(outsider.login, now.id);
    expect(refused.status).toBe(404);
  });

  it('links visitors by a signed email only, never by a typed one', async () => {
    const laptop = await visitorOn();
    await identify(laptop.token, 'ada@example.com');
    const fromLaptop = await servedChat(laptop.socket, 'from the laptop');

    const typed = await visitorOn();
    await ok(typed.socket, 'visitor:update', { email: 'ada@example.com' });
    const typedChat = await start(typed.socket, 'typed email');
    expect((await agentEarlier(t.admin, typedChat.id)).body.total).toBe(0);
    expect(
      (
        await ok<EarlierResponse>(typed.socket, 'conversation:earlier', {
          conversationId: typedChat.id,
        })
      ).total,
    ).toBe(0);
    await ok(typed.socket, 'conversation:close', { conversationId: typedChat.id });

    const phone = await visitorOn();
    await identify(phone.token, 'ada@example.com');
    const fromPhone = await start(phone.socket, 'from the phone');
    const forAgent = await agentEarlier(t.admin, fromPhone.id);
    // The typed-email visitor's chat is not Ada's.
    expect(forAgent.body.conversations.map((c) => c.id)).toEqual([fromLaptop.id]);
    const forPhone = await ok<EarlierResponse>(phone.socket, 'conversation:earlier', {
      conversationId: fromPhone.id,
    });
    expect(forPhone.conversations.map((c) => c.id)).toEqual([fromLaptop.id]);
    expect(JSON.stringify(forPhone)).not.toContain('note from the laptop');
  });

  it('pages back through many earlier chats, newest last', async () => {
    const { socket } = await visitorOn();
    const chats = [];
    for (const words of ['one', 'two', 'three']) chats.push(await servedChat(socket, words));
    const now = await start(socket, 'four');

    const page1 = await agentEarlier(t.admin, now.id, '?limit=2');
    expect(page1.body.total).toBe(3);
    expect(page1.body.conversations.map((c) => c.id)).toEqual([chats[1]!.id, chats[2]!.id]);
    expect(page1.body.nextCursor).toBe(chats[1]!.id);
    const page2 = await agentEarlier(t.admin, now.id, `?limit=2&before=${page1.body.nextCursor}`);
    expect(page2.body.conversations.map((c) => c.id)).toEqual([chats[0]!.id]);
    expect(page2.body.nextCursor).toBeNull();

    const stranger = await visitorOn();
    const strangerChat = await start(stranger.socket, 'not yours');
    const badCursor = await agentEarlier(t.admin, now.id, `?before=${strangerChat.id}`);
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.error?.code).toBe('VALIDATION_FAILED');
    const badLimit = await agentEarlier(t.admin, now.id, '?limit=500');
    expect(badLimit.status).toBe(400);
    const badInput = await request(socket, 'conversation:earlier', { conversationId: '../x' });
    expect(!badInput.ok && badInput.error.code).toBe('VALIDATION_FAILED');
  });
});
