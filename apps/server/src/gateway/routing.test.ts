import type { Conversation, Invitation, Message, VisitorConversation } from '@parley/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../storage/database.js';
import {
  agentFetch,
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
  type AgentLogin,
  type TestServer,
} from '../test/server.js';
import { useTestServer } from '../test/fixture.js';
import { createTestDatabase, dialects, type TestDatabase } from '../test/storage.js';

const cid = (n: string) => `client-${n}-${Math.random().toString(36).slice(2, 10)}`;

describe.each(dialects)('routing with real sockets (%s)', (dialect) => {
  const clock = {
    t: Date.UTC(2026, 0, 5, 9, 0, 0),
    now() {
      return this.t;
    },
    advance(ms: number) {
      this.t += ms;
    },
  };
  const t = useTestServer(dialect, { clock });
  let seq = 0;

  afterEach(async () => {
    // Every test starts from an empty queue, with every agent offline.
    await t.storage.db
      .updateTable('conversations')
      .set({ status: 'closed', closed_at: clock.now() })
      .where('status', '!=', 'closed')
      .execute();
    await t.storage.db
      .updateTable('offers')
      .set({ status: 'withdrawn' })
      .where('status', '=', 'pending')
      .execute();
    await t.storage.db.updateTable('agents').set({ status: 'offline' }).execute();
  });

  /** A new agent, signed in, connected and Online; optionally in a department, with a maximum. */
  async function onlineAgent(
    name: string,
    opts: { maxChats?: number; departmentId?: string } = {},
  ) {
    seq += 1;
    const email = `${name.toLowerCase()}${seq}@example.com`;
    const created = await agentFetch(t.server.url, t.admin, '/agents', {
      method: 'POST',
      body: JSON.stringify({ email, name, password: 'agent-password-1', role: 'agent' }),
    });
    const { agent } = (await created.json()) as { agent: { id: string } };
    if (opts.maxChats) {
      await agentFetch(t.server.url, t.admin, `/agents/${agent.id}`, {
        method: 'PATCH',
        body: JSON.stringify({ maxChats: opts.maxChats }),
      });
    }
    const login = await signIn(t.server.url, email, 'agent-password-1');
    const socket = t.track(connectAgent(t.server.url, login));
    const updates = collect<Conversation>(socket, 'conversation:updated');
    await connected(socket);
    await ok(socket, 'agent:status', { status: 'online' });
    return { id: agent.id, login, socket, updates };
  }

  async function waitingVisitor() {
    const { token } = await newVisitor(t.server.url, t.server.siteKey);
    const socket = t.track(connectVisitor(t.server.url, token));
    const updates = collect<VisitorConversation>(socket, 'conversation:updated');
    await connected(socket);
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      socket,
      'conversation:start',
    );
    return { socket, conversation, updates, token };
  }

  const offeredTo = (agent: { socket: Socket; updates: Conversation[] }, conversationId: string) =>
    until(agent.socket, 'conversation:updated', () =>
      agent.updates.some(
        (c) =>
          c.id === conversationId &&
          c.status === 'offered' &&
          c.offeredTo.includes(agentIdOf(agent)),
      ),
    );
  const ids = new Map<Socket, string>();
  const agentIdOf = (a: { socket: Socket }) => ids.get(a.socket)!;
  async function agent(name: string, opts: { maxChats?: number; departmentId?: string } = {}) {
    const a = await onlineAgent(name, opts);
    ids.set(a.socket, a.id);
    return a;
  }

  it('offers a new chat to an available agent, and on reject gives it to another', async () => {
    const ana = await agent('Ana');
    const { conversation } = await waitingVisitor();
    await offeredTo(ana, conversation.id);
    const ben = await agent('Ben');
    await ok(ana.socket, 'conversation:reject', { conversationId: conversation.id });
    await offeredTo(ben, conversation.id);
    const accepted = await ok<{ conversation: Conversation }>(ben.socket, 'conversation:accept', {
      conversationId: conversation.id,
    });
    expect(accepted.conversation).toMatchObject({
      status: 'active',
      assignee: { id: ben.id },
      offeredTo: [],
    });
    const log = await ok<{ entries: Array<{ kind: string; agent: { id: string } | null }> }>(
      t.admin ? await adminSocket() : ben.socket,
      'conversation:log',
      { conversationId: conversation.id },
    );
    expect(log.entries.map((e) => [e.kind, e.agent?.id])).toEqual([
      ['offered', ana.id],
      ['rejected', ana.id],
      ['offered', ben.id],
      ['accepted', ben.id],
    ]);
  });

  async function adminSocket() {
    const s = t.track(connectAgent(t.server.url, t.admin));
    await connected(s);
    return s;
  }

  it('takes an unanswered offer back after the timeout and offers it to someone else', async () => {
    const ana = await agent('Ana');
    const { conversation } = await waitingVisitor();
    await offeredTo(ana, conversation.id);
    const ben = await agent('Ben');
    clock.advance(31_000);
    await t.server.app.router.tick();
    await offeredTo(ben, conversation.id);
    const log = await ok<{ entries: Array<{ kind: string; agent: { id: string } | null }> }>(
      await adminSocket(),
      'conversation:log',
      { conversationId: conversation.id },
    );
    expect(log.entries.map((e) => e.kind)).toEqual(['offered', 'timed_out', 'offered']);
  });

  it('accepts an offered chat when the agent simply answers it', async () => {
    const ana = await agent('Ana');
    const { conversation, socket: visitor } = await waitingVisitor();
    await offeredTo(ana, conversation.id);
    const reply = nextEvent<Message>(visitor, 'message:new', (m) => m.body === 'Hello, I am Ana');
    await ok(ana.socket, 'message:send', {
      conversationId: conversation.id,
      clientId: cid('a'),
      body: 'Hello, I am Ana',
    });
    await reply;
    const row = await t.storage.db
      .selectFrom('conversations')
      .select(['status', 'assignee_id'])
      .where('id', '=', conversation.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'active', assignee_id: ana.id });
  });

  it('respects the maximum of chats and serves the longest-waiting chat first when room frees up', async () => {
    const ana = await agent('Ana', { maxChats: 1 });
    const first = await waitingVisitor();
    await offeredTo(ana, first.conversation.id);
    await ok(ana.socket, 'conversation:accept', { conversationId: first.conversation.id });
    clock.advance(1000);
    const second = await waitingVisitor();
    clock.advance(1000);
    const third = await waitingVisitor();
    await until(third.socket, 'conversation:updated', () =>
      third.updates.some((c) => c.queue?.position === 2),
    );
    expect(second.updates.at(-1)?.queue?.position ?? second.conversation.queue?.position).toBe(1);
    // Full: neither waiting chat is offered to Ana.
    expect(
      ana.updates.some(
        (c) =>
          c.status === 'offered' && c.offeredTo.includes(ana.id) && c.id !== first.conversation.id,
      ),
    ).toBe(false);

    await ok(ana.socket, 'conversation:close', { conversationId: first.conversation.id });
    await offeredTo(ana, second.conversation.id);
    const thirdMovedUp = until(third.socket, 'conversation:updated', () =>
      third.updates.some((c) => c.queue?.position === 1),
    );
    await ok(ana.socket, 'conversation:accept', { conversationId: second.conversation.id });
    await thirdMovedUp;
    expect(
      ana.updates.some((c) => c.id === third.conversation.id && c.offeredTo.includes(ana.id)),
    ).toBe(false);
  });

  it('does not route to Away agents, and tells the widget when nobody can answer', async () => {
    const ana = await agent('Ana');
    const { socket: visitor } = await waitingVisitor();
    const gone = nextEvent<{ agentsAvailable: boolean }>(
      visitor,
      'availability',
      (a) => !a.agentsAvailable,
    );
    await ok(ana.socket, 'agent:status', { status: 'away' });
    await gone;
    const config = await ok<{ agentsAvailable: boolean }>(visitor, 'widget:config');
    expect(config.agentsAvailable).toBe(false);
  });

  it('turns the message form into a ticket and ends the waiting chat', async () => {
    const { socket, conversation } = await waitingVisitor();
    const bad = await request(socket, 'ticket:create', { name: '', email: 'nope', message: '' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    await ok(socket, 'ticket:create', {
      name: 'Maria',
      email: 'maria@example.com',
      message: 'Call me back please',
    });
    const tickets = (await (
      await agentFetch(t.server.url, t.admin, '/tickets?status=open')
    ).json()) as { tickets: Array<{ name: string; message: string; conversationId: string }> };
    expect(tickets.tickets[0]).toMatchObject({
      name: 'Maria',
      message: 'Call me back please',
      conversationId: conversation.id,
    });
    const row = await t.storage.db
      .selectFrom('conversations')
      .select('status')
      .where('id', '=', conversation.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('closed');
  });

  it('lets the owner transfer a chat and invite a colleague, one invitation at a time', async () => {
    const ana = await agent('Ana');
    const { conversation, socket: visitor } = await waitingVisitor();
    await offeredTo(ana, conversation.id);
    await ok(ana.socket, 'conversation:accept', { conversationId: conversation.id });
    const ben = await agent('Ben');
    const cat = await agent('Cat');

    const invited = nextEvent<Invitation>(ben.socket, 'invitation:updated');
    await ok(ana.socket, 'conversation:invite', {
      conversationId: conversation.id,
      agentId: ben.id,
    });
    expect(await invited).toMatchObject({ status: 'pending', inviter: { id: ana.id } });
    const second = await request(ana.socket, 'conversation:invite', {
      conversationId: conversation.id,
      agentId: cat.id,
    });
    expect(second).toMatchObject({ ok: false, error: { code: 'INVITATION_PENDING' } });
    const invitation = (await invited) as Invitation;
    await ok(ben.socket, 'invitation:answer', { invitationId: invitation.id, accept: true });
    const both = await ok<{ conversation: Conversation }>(ben.socket, 'conversation:watch', {
      conversationId: conversation.id,
    });
    expect(both.conversation.participants.map((p) => p.id)).toEqual([ben.id]);
    const fromBen = nextEvent<Message>(visitor, 'message:new', (m) => m.body === 'Ben here too');
    await ok(ben.socket, 'message:send', {
      conversationId: conversation.id,
      clientId: cid('b'),
      body: 'Ben here too',
    });
    await fromBen;

    const moved = await ok<{ conversation: Conversation }>(ana.socket, 'conversation:transfer', {
      conversationId: conversation.id,
      agentId: cat.id,
    });
    expect(moved.conversation.assignee?.id).toBe(cat.id);
    const refused = await request(ana.socket, 'message:send', {
      conversationId: conversation.id,
      clientId: cid('x'),
      body: 'still mine?',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('lets a supervisor watch any chat, whisper unseen by the visitor, and take it over', async () => {
    const ana = await agent('Ana');
    const { conversation, socket: visitor } = await waitingVisitor();
    await offeredTo(ana, conversation.id);
    await ok(ana.socket, 'conversation:accept', { conversationId: conversation.id });
    const boss = await adminSocket();
    const spy = collect<Message>(visitor, 'message:new');
    await ok(boss, 'conversation:watch', { conversationId: conversation.id });
    const whisper = nextEvent<Message>(
      ana.socket,
      'message:new',
      (m) => m.body === 'offer a discount',
    );
    await ok(boss, 'message:send', {
      conversationId: conversation.id,
      clientId: cid('w'),
      body: 'offer a discount',
      visibility: 'private',
    });
    expect(await whisper).toMatchObject({ visibility: 'private' });
    const taken = await ok<{ conversation: Conversation }>(boss, 'conversation:transfer', {
      conversationId: conversation.id,
      agentId: t.admin.agentId,
    });
    expect(taken.conversation.assignee?.id).toBe(t.admin.agentId);
    await until(visitor, 'message:new', () => spy.some((m) => m.body.includes('took over')));
    expect(spy.map((m) => m.body)).not.toContain('offer a discount');
  });
});

describe.each(dialects)('availability and teams (%s)', (dialect) => {
  let database: TestDatabase;
  let storage: Storage;
  let server: TestServer;
  let admin: AgentLogin;
  const clock = {
    t: Date.UTC(2026, 0, 6, 9, 0, 0),
    now() {
      return this.t;
    },
    advance(ms: number) {
      this.t += ms;
    },
  };
  const sockets: Socket[] = [];
  const track = (s: Socket) => (sockets.push(s), s);

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    storage = database.open();
    server = await startServer(storage, { clock });
    admin = await signIn(server.url);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });
  afterAll(async () => {
    await server.close();
    await storage.close();
    await database.drop();
  });

  async function newAgent(name: string) {
    const email = `${name.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.com`;
    const res = await agentFetch(server.url, admin, '/agents', {
      method: 'POST',
      body: JSON.stringify({ email, name, password: 'agent-password-1' }),
    });
    const { agent } = (await res.json()) as { agent: { id: string } };
    const login = await signIn(server.url, email, 'agent-password-1');
    const socket = track(connectAgent(server.url, login));
    const updates = collect<Conversation>(socket, 'conversation:updated');
    await connected(socket);
    return { id: agent.id, login, socket, updates };
  }

  it('puts an agent whose every connection is gone Offline after the grace period', async () => {
    const ana = await newAgent('Ana');
    await ok(ana.socket, 'agent:status', { status: 'online' });
    ana.socket.disconnect();
    const isStatus = async (s: string) =>
      (
        await storage.db
          .selectFrom('agents')
          .select('status')
          .where('id', '=', ana.id)
          .executeTakeFirstOrThrow()
      ).status === s;
    await expect
      .poll(async () => (await server.app.deps.presence.connectedAgentIds()).includes(ana.id))
      .toBe(false);
    clock.advance(10_000);
    await server.app.router.tick();
    expect(await isStatus('online')).toBe(true);
    clock.advance(25_000);
    await server.app.router.tick();
    expect(await isStatus('offline')).toBe(true);
  });

  it('has one rule at the grace boundary: back at exactly the grace period stays, gone by then is Offline', async () => {
    const ana = await newAgent('Ana');
    await ok(ana.socket, 'agent:status', { status: 'online' });
    const status = async () =>
      (
        await storage.db
          .selectFrom('agents')
          .select('status')
          .where('id', '=', ana.id)
          .executeTakeFirstOrThrow()
      ).status;
    const isConnected = async () =>
      (await server.app.deps.presence.connectedAgentIds()).includes(ana.id);
    const gone = async () => {
      await expect.poll(isConnected).toBe(false);
      // The moment of leaving is on record before time moves on.
      await expect
        .poll(
          async () =>
            (
              await storage.db
                .selectFrom('agents')
                .select('disconnected_at')
                .where('id', '=', ana.id)
                .executeTakeFirstOrThrow()
            ).disconnected_at,
        )
        .not.toBeNull();
    };

    ana.socket.disconnect();
    await gone();
    clock.advance(30_000);
    const back = track(connectAgent(server.url, ana.login));
    await connected(back);
    await expect.poll(isConnected).toBe(true);
    await server.app.router.tick();
    expect(await status()).toBe('online');

    back.disconnect();
    await gone();
    clock.advance(30_000);
    await server.app.router.tick();
    expect(await status()).toBe('offline');
  });

  it('offers a chat of a to-all department to every available member; the first to accept wins', async () => {
    const ana = await newAgent('Ana');
    const ben = await newAgent('Ben');
    const outsider = await newAgent('Out');
    const dept = await agentFetch(server.url, admin, '/departments', {
      method: 'POST',
      body: JSON.stringify({ name: 'Sales', distribution: 'to_all', memberIds: [ana.id, ben.id] }),
    });
    const { department } = (await dept.json()) as { department: { id: string } };
    const sites = (await (await agentFetch(server.url, admin, '/sites')).json()) as {
      sites: Array<{ id: string; key: string }>;
    };
    const site = sites.sites.find((s) => s.key === server.siteKey)!;
    expect(
      (
        await agentFetch(server.url, admin, `/sites/${site.id}/departments`, {
          method: 'PUT',
          body: JSON.stringify({ departmentIds: [department.id] }),
        })
      ).status,
    ).toBe(204);
    for (const a of [ana, ben, outsider]) await ok(a.socket, 'agent:status', { status: 'online' });

    const { token } = await newVisitor(server.url, server.siteKey);
    const visitor = track(connectVisitor(server.url, token));
    await connected(visitor);
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      visitor,
      'conversation:start',
    );
    await until(ana.socket, 'conversation:updated', () =>
      ana.updates.some((c) => c.id === conversation.id && c.offeredTo.length === 2),
    );
    const offered = ana.updates.find((c) => c.id === conversation.id && c.offeredTo.length === 2)!;
    expect([...offered.offeredTo].sort()).toEqual([ana.id, ben.id].sort());
    expect(offered.department?.name).toBe('Sales');

    const [first, second] = await Promise.all([
      request(ben.socket, 'conversation:accept', { conversationId: conversation.id }),
      request(ana.socket, 'conversation:accept', { conversationId: conversation.id }),
    ]);
    expect([first, second].filter((r) => r.ok)).toHaveLength(1);
    expect([first, second].find((r) => !r.ok)).toMatchObject({ error: { code: 'ALREADY_TAKEN' } });
    await ok(agentSocketOf(admin), 'conversation:close', { conversationId: conversation.id }).catch(
      () => undefined,
    );
    await agentFetch(server.url, admin, `/sites/${site.id}/departments`, {
      method: 'PUT',
      body: JSON.stringify({ departmentIds: [] }),
    });
  });

  function agentSocketOf(login: AgentLogin) {
    return track(connectAgent(server.url, login));
  }

  it('hides the chat everywhere when an admin switches it off', async () => {
    const off = await agentFetch(server.url, admin, '/settings', {
      method: 'PATCH',
      body: JSON.stringify({ chatEnabled: false }),
    });
    expect(await off.json()).toMatchObject({ settings: { chatEnabled: false } });
    const config = (await (
      await fetch(`${server.url}/api/v1/widget/config?siteKey=${server.siteKey}`)
    ).json()) as { config: { chatEnabled: boolean } };
    expect(config.config.chatEnabled).toBe(false);
    const { token } = await newVisitor(server.url, server.siteKey).catch(() => ({ token: '' }));
    expect(token).toBe('');
    const byAgent = await newAgent('Nope');
    const refused = await agentFetch(server.url, byAgent.login, '/settings', {
      method: 'PATCH',
      body: JSON.stringify({ chatEnabled: true }),
    });
    expect(refused.status).toBe(403);
    await agentFetch(server.url, admin, '/settings', {
      method: 'PATCH',
      body: JSON.stringify({ chatEnabled: true }),
    });
  });

  it('sends the auto-greeting on the agent’s behalf when a chat is accepted', async () => {
    await agentFetch(server.url, admin, '/settings', {
      method: 'PATCH',
      body: JSON.stringify({ autoGreeting: 'Hi, I am {agent}. How can I help?' }),
    });
    const ana = await newAgent('Ana');
    const { token } = await newVisitor(server.url, server.siteKey);
    const visitor = track(connectVisitor(server.url, token));
    await connected(visitor);
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      visitor,
      'conversation:start',
    );
    const greeting = nextEvent<Message>(visitor, 'message:new', (m) => m.author.type === 'agent');
    await ok(ana.socket, 'conversation:accept', { conversationId: conversation.id });
    expect(await greeting).toMatchObject({
      body: 'Hi, I am Ana. How can I help?',
      author: { id: ana.id },
    });
    await agentFetch(server.url, admin, '/settings', {
      method: 'PATCH',
      body: JSON.stringify({ autoGreeting: '' }),
    });
  });

  it('lets agents chat with each other directly, once per clientId, on every tab', async () => {
    const ana = await newAgent('Ana');
    const ben = await newAgent('Ben');
    const benSecondTab = track(connectAgent(server.url, ben.login));
    await connected(benSecondTab);
    const inBoth = Promise.all([
      nextEvent<{ body: string }>(ben.socket, 'direct:new'),
      nextEvent<{ body: string }>(benSecondTab, 'direct:new'),
    ]);
    const payload = {
      toAgentId: ben.id,
      clientId: cid('d'),
      body: 'Can you take the next French chat?',
    };
    const sent = await ok<{ message: { id: string; seq: number } }>(
      ana.socket,
      'direct:send',
      payload,
    );
    const again = await ok<{ message: { id: string } }>(ana.socket, 'direct:send', payload);
    expect(again.message.id).toBe(sent.message.id);
    expect((await inBoth).map((m) => m.body)).toEqual([payload.body, payload.body]);
    const history = await ok<{ messages: Array<{ body: string; senderId: string }> }>(
      ben.socket,
      'direct:history',
      { agentId: ana.id },
    );
    expect(history.messages).toEqual([
      expect.objectContaining({ body: payload.body, senderId: ana.id }),
    ]);
  });
});
