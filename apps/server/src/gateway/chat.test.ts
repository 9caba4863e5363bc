import type { Message, SendResult, VisitorConversation } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import {
  collect,
  connectAgent,
  connectVisitor,
  connected,
  newVisitor,
  nextEvent,
  ok,
  request,
  signIn,
  startServer,
  until,
  visitorFetch,
} from '../test/server.js';
import { useTestServer } from '../test/fixture.js';
import { dialects, createTestDatabase } from '../test/storage.js';

const cid = (n: number | string) => `client-${n}-${Math.random().toString(36).slice(2, 10)}`;

describe.each(dialects)('a visitor and an agent chat over sockets (%s)', (dialect) => {
  const t = useTestServer(dialect);

  async function visitorWithConversation() {
    const { token, visitorId } = await newVisitor(t.server.url, t.server.siteKey);
    const visitor = t.track(connectVisitor(t.server.url, token));
    await connected(visitor);
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      visitor,
      'conversation:start',
    );
    return { token, visitorId, visitor, conversation };
  }

  async function agentSocket() {
    const agent = t.track(connectAgent(t.server.url, t.admin));
    await connected(agent);
    return agent;
  }

  it('delivers the visitor message to the agent, and the reply and typing back', async () => {
    const agent = await agentSocket();
    const { visitor, conversation } = await visitorWithConversation();

    const arrived = nextEvent<Message>(agent, 'message:new', (m) => m.body === 'Hello');
    const ack = await ok<SendResult>(visitor, 'message:send', {
      conversationId: conversation.id,
      clientId: cid(1),
      body: 'Hello',
    });
    expect(ack).toMatchObject({ seq: 1, duplicate: false });
    expect(await arrived).toMatchObject({
      id: ack.id,
      seq: 1,
      author: { type: 'visitor' },
      visibility: 'public',
    });

    const accepted = await ok<{ conversation: { status: string; assignee: { id: string } } }>(
      agent,
      'conversation:accept',
      { conversationId: conversation.id },
    );
    expect(accepted.conversation).toMatchObject({
      status: 'active',
      assignee: { id: t.admin.agentId },
    });

    const typing = nextEvent<{ typing: boolean; author: { type: string } }>(visitor, 'typing');
    agent.emit('typing', { conversationId: conversation.id, typing: true });
    expect(await typing).toMatchObject({ typing: true, author: { type: 'agent' } });

    const reply = nextEvent<Message>(
      visitor,
      'message:new',
      (m) => m.body === 'Hi! How can I help?',
    );
    await ok(agent, 'message:send', {
      conversationId: conversation.id,
      clientId: cid(2),
      body: 'Hi! How can I help?',
    });
    expect(await reply).toMatchObject({ author: { type: 'agent', id: t.admin.agentId } });

    const visitorTyping = nextEvent<{ typing: boolean; author: { type: string } }>(
      agent,
      'typing',
      (t) => t.author.type === 'visitor',
    );
    visitor.emit('typing', { conversationId: conversation.id, typing: true });
    expect(await visitorTyping).toMatchObject({ typing: true });
  });

  it('stores and announces a message once when the same clientId is sent five times, also after a dropped ack', async () => {
    const agent = await agentSocket();
    const { token, visitor, conversation } = await visitorWithConversation();
    const seen = collect<Message>(agent, 'message:new');
    const clientId = cid('dup');
    const payload = { conversationId: conversation.id, clientId, body: 'only once' };

    // The first send's ack is lost: the visitor drops the connection right after emitting.
    visitor.emit('message:send', payload, () => undefined);
    visitor.disconnect();
    const again = t.track(connectVisitor(t.server.url, token));
    await connected(again);
    const acks = await Promise.all(
      Array.from({ length: 5 }, () => ok<SendResult>(again, 'message:send', payload)),
    );
    expect(new Set(acks.map((a) => a.id)).size).toBe(1);

    await until(agent, 'message:new', () => seen.some((m) => m.clientId === clientId));
    // A marker message sent afterwards proves no late duplicate event is still on its way.
    await ok(again, 'message:send', {
      conversationId: conversation.id,
      clientId: cid('marker'),
      body: 'marker',
    });
    await until(agent, 'message:new', () => seen.some((m) => m.body === 'marker'));
    expect(seen.filter((m) => m.clientId === clientId)).toHaveLength(1);

    const res = await visitorFetch(
      t.server.url,
      token,
      `/widget/conversations/${conversation.id}/messages`,
    );
    const { messages } = (await res.json()) as { messages: Message[] };
    expect(messages.filter((m) => m.body === 'only once')).toHaveLength(1);
  });

  it('replays exactly what an agent missed while disconnected, in order', async () => {
    const { visitor, conversation } = await visitorWithConversation();
    const first = await agentSocket();
    await ok(first, 'conversation:accept', { conversationId: conversation.id });
    const watched = await ok<{ messages: Message[] }>(first, 'conversation:watch', {
      conversationId: conversation.id,
    });
    const lastSeq = Math.max(...watched.messages.map((m) => m.seq));
    first.disconnect();

    const sent: SendResult[] = [];
    for (let i = 0; i < 20; i++) {
      sent.push(
        await ok<SendResult>(visitor, 'message:send', {
          conversationId: conversation.id,
          clientId: cid(i),
          body: `missed ${i}`,
        }),
      );
    }
    const back = await agentSocket();
    const synced = await ok<{ conversations: Array<{ messages: Message[] }> }>(back, 'sync', {
      conversations: [{ id: conversation.id, afterSeq: lastSeq }],
    });
    const replay = synced.conversations[0]!.messages;
    expect(replay.map((m) => m.body)).toEqual(Array.from({ length: 20 }, (_, i) => `missed ${i}`));
    expect(replay.map((m) => m.id)).toEqual(sent.map((s) => s.id));
    expect(replay.map((m) => m.seq)).toEqual(sent.map((s) => s.seq));
  });

  it('never sends a private note to the visitor, on the socket or in history', async () => {
    const { token, visitor, conversation } = await visitorWithConversation();
    const agent = await agentSocket();
    await ok(agent, 'conversation:accept', { conversationId: conversation.id });
    const spy = collect<Message>(visitor, 'message:new');
    await ok(agent, 'message:send', {
      conversationId: conversation.id,
      clientId: cid('p'),
      body: 'internal: VIP customer',
      visibility: 'private',
    });
    await ok(agent, 'message:send', {
      conversationId: conversation.id,
      clientId: cid('q'),
      body: 'public reply',
    });
    await until(visitor, 'message:new', () => spy.some((m) => m.body === 'public reply'));
    expect(spy.map((m) => m.body)).not.toContain('internal: VIP customer');

    const synced = await ok<{ conversations: Array<{ messages: Message[] }> }>(visitor, 'sync', {
      conversations: [{ id: conversation.id, afterSeq: 0 }],
    });
    const rest = (await (
      await visitorFetch(t.server.url, token, `/widget/conversations/${conversation.id}/messages`)
    ).json()) as { messages: Message[] };
    for (const list of [synced.conversations[0]!.messages, rest.messages]) {
      expect(list.map((m) => m.body)).toContain('public reply');
      expect(list.every((m) => m.visibility === 'public')).toBe(true);
    }
  });

  it("keeps visitor B out of visitor A's conversation over socket and REST", async () => {
    const a = await visitorWithConversation();
    await ok(a.visitor, 'message:send', {
      conversationId: a.conversation.id,
      clientId: cid('a'),
      body: 'secret of A',
    });
    const b = await visitorWithConversation();
    const spy = collect<Message>(b.visitor, 'message:new');

    const send = await request(b.visitor, 'message:send', {
      conversationId: a.conversation.id,
      clientId: cid('b'),
      body: 'intrusion',
    });
    expect(send).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const synced = await ok<{ conversations: unknown[] }>(b.visitor, 'sync', {
      conversations: [{ id: a.conversation.id, afterSeq: 0 }],
    });
    expect(synced.conversations).toEqual([]);
    const close = await request(b.visitor, 'conversation:close', {
      conversationId: a.conversation.id,
    });
    expect(close).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });

    const res = await visitorFetch(
      t.server.url,
      b.token,
      `/widget/conversations/${a.conversation.id}/messages`,
    );
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });

    await ok(a.visitor, 'message:send', {
      conversationId: a.conversation.id,
      clientId: cid('a2'),
      body: 'second secret',
    });
    await ok(b.visitor, 'message:send', {
      conversationId: b.conversation.id,
      clientId: cid('b2'),
      body: 'own message',
    });
    await until(b.visitor, 'message:new', () => spy.some((m) => m.body === 'own message'));
    expect(spy.map((m) => m.body)).toEqual(['own message']);
  });

  it('refuses sockets without credentials or from a foreign origin', async () => {
    const anonymous = t.track(connectVisitor(t.server.url, 'not-a-token'));
    await expect(connected(anonymous)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    const noCookie = t.track(
      connectAgent(t.server.url, { cookie: '', csrfToken: '', agentId: '' }),
    );
    await expect(connected(noCookie)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    const foreign = t.track(connectAgent(t.server.url, t.admin, 'https://evil.example'));
    await expect(connected(foreign)).rejects.toMatchObject({
      data: { code: 'ORIGIN_NOT_ALLOWED' },
    });
  });

  it('answers a bad payload with a clear code and keeps the connection usable', async () => {
    const { visitor, conversation } = await visitorWithConversation();
    const bad = [
      await request(visitor, 'message:send', {
        conversationId: conversation.id,
        clientId: 'x',
        body: 'hi',
      }),
      await request(visitor, 'message:send', {
        conversationId: conversation.id,
        clientId: cid('e'),
        body: '   ',
      }),
      await request(visitor, 'message:send', 'not an object'),
      await request(visitor, 'message:send', {
        conversationId: conversation.id,
        clientId: cid('l'),
        body: 'x'.repeat(5001),
      }),
    ];
    for (const r of bad)
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(bad[0]).toMatchObject({ error: { details: { clientId: expect.any(String) } } });
    const after = await ok<SendResult>(visitor, 'message:send', {
      conversationId: conversation.id,
      clientId: cid('ok'),
      body: 'still here',
    });
    expect(after.seq).toBeGreaterThan(0);
    expect(visitor.connected).toBe(true);
  });

  it('lets the visitor end the chat and tells the agent at once', async () => {
    const agent = await agentSocket();
    const { visitor, conversation } = await visitorWithConversation();
    await ok(agent, 'conversation:accept', { conversationId: conversation.id });
    const ended = nextEvent<{ id: string; status: string; closedBy: string }>(
      agent,
      'conversation:updated',
      (c) => c.id === conversation.id && c.status === 'closed',
    );
    await ok(visitor, 'conversation:close', { conversationId: conversation.id });
    expect(await ended).toMatchObject({ closedBy: 'visitor' });
    const late = await request(visitor, 'message:send', {
      conversationId: conversation.id,
      clientId: cid('late'),
      body: 'too late',
    });
    expect(late).toMatchObject({ ok: false, error: { code: 'CONVERSATION_CLOSED' } });
  });
});

describe.each(dialects)('durability across a restart (%s)', (dialect) => {
  it('loses nothing acknowledged when the server stops between send and read', async () => {
    const database = await createTestDatabase(dialect);
    let storage = database.open();
    let server = await startServer(storage);
    const { token } = await newVisitor(server.url, server.siteKey);
    const visitor = connectVisitor(server.url, token);
    await connected(visitor);
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      visitor,
      'conversation:start',
    );
    const acks = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        ok<SendResult>(visitor, 'message:send', {
          conversationId: conversation.id,
          clientId: cid(i),
          body: `before restart ${i}`,
        }),
      ),
    );
    visitor.disconnect();
    await server.close();
    await storage.close();

    storage = database.open();
    server = await startServer(storage);
    const res = await visitorFetch(
      server.url,
      token,
      `/widget/conversations/${conversation.id}/messages`,
    );
    const { messages } = (await res.json()) as { messages: Message[] };
    expect(messages.map((m) => m.id)).toEqual(acks.map((a) => a.id));
    const login = await signIn(server.url);
    const agent = connectAgent(server.url, login);
    await connected(agent);
    const list = await ok<{ conversations: Array<{ id: string; lastSeq: number }> }>(
      agent,
      'conversation:list',
      { status: 'queued' },
    );
    expect(list.conversations.find((c) => c.id === conversation.id)?.lastSeq).toBe(10);
    agent.disconnect();
    await server.close();
    await storage.close();
    await database.drop();
  });
});

describe.each(dialects)('graceful shutdown (%s)', (dialect) => {
  it('commits what it acknowledged and refuses the rest while stopping', async () => {
    const database = await createTestDatabase(dialect);
    let storage = database.open();
    // 50 sends at once: above the visitor's default limit, which is not what this is about.
    let server = await startServer(storage, { env: { RATE_LIMIT_MESSAGES: '100/10s' } });
    const { token } = await newVisitor(server.url, server.siteKey);
    const visitor = connectVisitor(server.url, token);
    await connected(visitor);
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      visitor,
      'conversation:start',
    );

    type Outcome = { acked: string } | { refused: string } | { lost: true };
    const pending = new Set<(o: Outcome) => void>();
    visitor.on('disconnect', () => {
      for (const settle of pending) settle({ lost: true });
      pending.clear();
    });
    const attempts = Array.from(
      { length: 50 },
      (_, i) =>
        new Promise<Outcome>((resolve) => {
          pending.add(resolve);
          visitor.emit(
            'message:send',
            {
              conversationId: conversation.id,
              clientId: cid(`stop-${i}`),
              body: `while stopping ${i}`,
            },
            (res: { ok: boolean; data?: SendResult; error?: { code: string } }) => {
              pending.delete(resolve);
              resolve(res.ok ? { acked: res.data!.id } : { refused: res.error!.code });
            },
          );
        }),
    );
    // Stop while sends are in flight: after the first ack, before the last.
    expect(await attempts[0]).toHaveProperty('acked');
    await server.close();
    const outcomes = await Promise.all(attempts);
    await storage.close();

    storage = database.open();
    server = await startServer(storage);
    const res = await visitorFetch(
      server.url,
      token,
      `/widget/conversations/${conversation.id}/messages`,
    );
    const stored = new Set(
      ((await res.json()) as { messages: Message[] }).messages.map((m) => m.id),
    );
    const acked = outcomes.flatMap((o) => ('acked' in o ? [o.acked] : []));
    expect(acked.length).toBeGreaterThan(0);
    for (const id of acked) expect(stored.has(id)).toBe(true);
    for (const o of outcomes) if ('refused' in o) expect(o.refused).toBe('SHUTTING_DOWN');
    await server.close();
    await storage.close();
    await database.drop();
  });
});
