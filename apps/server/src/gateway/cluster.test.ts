import type {
  Conversation,
  LiveVisitor,
  Message,
  VisitorConversation,
  WidgetConfigResponse,
} from '@parley/protocol';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '../test/redisServer.js';
import {
  agentFetch,
  collect,
  connectAgent,
  connectVisitor,
  connected,
  newVisitor,
  nextEvent,
  ok,
  openLive,
  request,
  signIn,
  startServer,
  until,
  type AgentLogin,
  type TestServer,
} from '../test/server.js';
import { createTestDatabase, dialects, type TestDatabase } from '../test/storage.js';
import type { Storage } from '../storage/database.js';

const rnd = () => Math.random().toString(36).slice(2, 10);

/**
 * Two Parley nodes in one process, on one PostgreSQL schema and one Redis of the test's own:
 * what crosses between them must behave as on one node. (Process-level faults, kill -9 and
 * the balancer are in cluster/.)
 */
describe.runIf(dialects.includes('postgres'))('two nodes on PostgreSQL and Redis', () => {
  let redis: TestRedis;
  let database: TestDatabase;
  const storages: Storage[] = [];
  let a: TestServer;
  let b: TestServer;
  let adminA: AgentLogin;
  const sockets: Socket[] = [];
  const track = (s: Socket) => (sockets.push(s), s);

  const node = async (name: string) => {
    const storage = database.open();
    storages.push(storage);
    return startServer(storage, {
      env: {
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
        REDIS_URL: redis.url,
        NODE_ID: name,
      },
    });
  };

  beforeAll(async () => {
    redis = await startTestRedis();
    database = await createTestDatabase('postgres');
    // Started together: one migration, one first admin, one demo site.
    [a, b] = await Promise.all([node('node-a'), node('node-b')]);
    adminA = await signIn(a.url);
  });

  afterEach(() => {
    for (const s of sockets.splice(0)) s.disconnect();
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
    for (const s of storages) await s.close();
    await database?.drop();
    await redis?.stop();
  });

  const newAgent = async (role: 'agent' | 'supervisor' = 'agent') => {
    const email = `agent-${rnd()}@example.com`;
    const res = await agentFetch(a.url, adminA, '/agents', {
      method: 'POST',
      body: JSON.stringify({ email, name: `Agent ${rnd()}`, password: 'agent-password-1', role }),
    });
    expect(res.status).toBe(201);
    const { agent } = (await res.json()) as { agent: { id: string } };
    return { id: agent.id, email };
  };

  const onlineAgentOn = async (server: TestServer, role: 'agent' | 'supervisor' = 'agent') => {
    const { id, email } = await newAgent(role);
    const login = await signIn(server.url, email, 'agent-password-1');
    const socket = track(connectAgent(server.url, login));
    await connected(socket);
    await ok(socket, 'agent:status', { status: 'online' });
    return { id, login, socket };
  };

  const widgetConfig = async (server: TestServer) => {
    const res = await fetch(`${server.url}/api/v1/widget/config?siteKey=${server.siteKey}`);
    return ((await res.json()) as WidgetConfigResponse).config;
  };

  it('started both nodes with one admin, one demo site and one leader', async () => {
    expect(a.siteKey).toBe(b.siteKey);
    const admins = await storages[0]!.db.selectFrom('agents').select('id').execute();
    expect(admins).toHaveLength(1);
    await expect.poll(() => [a, b].filter((s) => s.app.leadership.isLeader()).length).toBe(1);
  });

  it('carries a chat between a visitor on one node and an agent on the other, both ways, once', async () => {
    const agent = await onlineAgentOn(b);
    // Node A knows someone is online on node B.
    await expect.poll(async () => (await widgetConfig(a)).agentsAvailable).toBe(true);

    const { token } = await newVisitor(a.url, a.siteKey);
    const visitor = track(connectVisitor(a.url, token));
    await connected(visitor);
    const offered = nextEvent<Conversation>(agent.socket, 'conversation:updated', (c) =>
      c.offeredTo.includes(agent.id),
    );
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      visitor,
      'conversation:start',
    );
    await offered;
    await ok(agent.socket, 'conversation:accept', { conversationId: conversation.id });

    const atAgent = collect<Message>(agent.socket, 'message:new');
    const atVisitor = collect<Message>(visitor, 'message:new');
    await ok(visitor, 'message:send', {
      conversationId: conversation.id,
      clientId: `c-${rnd()}`,
      body: 'Hello from node A',
    });
    await until(agent.socket, 'message:new', () =>
      atAgent.some((m) => m.body === 'Hello from node A'),
    );

    const typing = nextEvent<{ typing: boolean }>(visitor, 'typing');
    agent.socket.emit('typing', { conversationId: conversation.id, typing: true });
    expect(await typing).toMatchObject({ typing: true });

    await ok(agent.socket, 'message:send', {
      conversationId: conversation.id,
      clientId: `c-${rnd()}`,
      body: 'Hello from node B',
    });
    await until(visitor, 'message:new', () =>
      atVisitor.some((m) => m.body === 'Hello from node B'),
    );
    // A marker proves no second copy of either message is still on its way.
    await ok(visitor, 'message:send', {
      conversationId: conversation.id,
      clientId: `c-${rnd()}`,
      body: 'marker',
    });
    await until(agent.socket, 'message:new', () => atAgent.some((m) => m.body === 'marker'));
    expect(atAgent.filter((m) => m.body === 'Hello from node A')).toHaveLength(1);
    expect(atVisitor.filter((m) => m.body === 'Hello from node B')).toHaveLength(1);

    const closed = nextEvent<VisitorConversation>(
      visitor,
      'conversation:updated',
      (c) => c.status === 'closed',
    );
    await ok(agent.socket, 'conversation:close', { conversationId: conversation.id });
    await closed;
  });

  it('shows every node the same visitors on the site', async () => {
    const agentOnB = await onlineAgentOn(b);
    const { token, visitorId } = await newVisitor(a.url, a.siteKey);
    const update = nextEvent<LiveVisitor>(
      agentOnB.socket,
      'visitor:updated',
      (v) => v.id === visitorId && v.online,
    );
    await ok(agentOnB.socket, 'visitors:list');
    const stream = openLive(a.url, { t: token, pv: `pv-${rnd()}`, url: 'https://shop.test/p/1' });
    try {
      await stream.next('ready');
      await update;
      for (const server of [a, b]) {
        const s = track(connectAgent(server.url, adminA));
        await connected(s);
        const { visitors } = await ok<{ visitors: LiveVisitor[] }>(s, 'visitors:list');
        expect(visitors.find((v) => v.id === visitorId)).toMatchObject({ online: true });
      }
    } finally {
      stream.close();
    }
  });

  it('tells the widget on every node within a second when an admin switches the chat off', async () => {
    expect((await widgetConfig(b)).chatEnabled).toBe(true);
    const res = await agentFetch(a.url, adminA, '/settings', {
      method: 'PATCH',
      body: JSON.stringify({ chatEnabled: false }),
    });
    expect(res.status).toBe(200);
    const changedAt = Date.now();
    await expect.poll(async () => (await widgetConfig(b)).chatEnabled).toBe(false);
    expect(Date.now() - changedAt).toBeLessThan(1000);
    await agentFetch(a.url, adminA, '/settings', {
      method: 'PATCH',
      body: JSON.stringify({ chatEnabled: true }),
    });
    await expect.poll(async () => (await widgetConfig(b)).chatEnabled).toBe(true);
  });

  it('gives a chat accepted on both nodes at once to exactly one agent, 20 times over', async () => {
    const onA = await onlineAgentOn(a);
    const onB = await onlineAgentOn(b);
    // A to-all department, so both are offered every chat.
    const dept = await agentFetch(a.url, adminA, '/departments', {
      method: 'POST',
      body: JSON.stringify({
        name: `All ${rnd()}`,
        distribution: 'to_all',
        memberIds: [onA.id, onB.id],
      }),
    });
    const { department } = (await dept.json()) as { department: { id: string } };
    const sites = (await (await agentFetch(a.url, adminA, '/sites')).json()) as {
      sites: Array<{ id: string; key: string }>;
    };
    const site = sites.sites.find((s) => s.key === a.siteKey)!;
    await agentFetch(a.url, adminA, `/sites/${site.id}/departments`, {
      method: 'PUT',
      body: JSON.stringify({ departmentIds: [department.id] }),
    });
    try {
      for (let i = 0; i < 20; i += 1) {
        const { token } = await newVisitor(a.url, a.siteKey);
        const visitor = track(connectVisitor(i % 2 ? a.url : b.url, token));
        await connected(visitor);
        const bothOffered = Promise.all(
          [onA, onB].map((x) =>
            nextEvent<Conversation>(x.socket, 'conversation:updated', (c) =>
              c.offeredTo.includes(x.id),
            ),
          ),
        );
        const { conversation } = await ok<{ conversation: VisitorConversation }>(
          visitor,
          'conversation:start',
        );
        await bothOffered;
        const answers = await Promise.all(
          [onA, onB].map((x) =>
            request(x.socket, 'conversation:accept', { conversationId: conversation.id }),
          ),
        );
        expect(answers.filter((r) => r.ok)).toHaveLength(1);
        const row = await storages[0]!.db
          .selectFrom('conversations')
          .select(['assignee_id', 'status'])
          .where('id', '=', conversation.id)
          .executeTakeFirstOrThrow();
        expect(row.status).toBe('active');
        expect([onA.id, onB.id]).toContain(row.assignee_id);
        await ok(row.assignee_id === onA.id ? onA.socket : onB.socket, 'conversation:close', {
          conversationId: conversation.id,
        });
        visitor.disconnect();
      }
    } finally {
      await agentFetch(a.url, adminA, `/sites/${site.id}/departments`, {
        method: 'PUT',
        body: JSON.stringify({ departmentIds: [] }),
      });
    }
  });

  it('moves an agent socket on one node off a site within a second of an admin on the other removing it', async () => {
    const { id, email } = await newAgent();
    const login = await signIn(b.url, email, 'agent-password-1');
    const socket = track(connectAgent(b.url, login));
    await connected(socket);
    const recount = nextEvent(socket, 'visitors:count', () => true, 1000);
    const res = await agentFetch(a.url, adminA, `/agents/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ siteIds: [] }),
    });
    expect(res.status).toBe(200);
    await recount;
    const seen = collect<Conversation>(socket, 'conversation:updated');
    const { token } = await newVisitor(a.url, a.siteKey);
    const visitor = track(connectVisitor(a.url, token));
    await connected(visitor);
    const { conversation } = await ok<{ conversation: VisitorConversation }>(
      visitor,
      'conversation:start',
    );
    // A direct message afterwards proves the socket is live and nothing of the chat came first.
    const admin = track(connectAgent(a.url, adminA));
    await connected(admin);
    const direct = nextEvent(socket, 'direct:new');
    await ok(admin, 'direct:send', { toAgentId: id, clientId: `client-${rnd()}`, body: 'ping' });
    await direct;
    expect(seen.some((c) => c.id === conversation.id)).toBe(false);
    // The queue is left empty for the tests after this one.
    await ok(visitor, 'conversation:close', { conversationId: conversation.id });
  });

  it('never offers an agent more chats than their maximum when both nodes route at once', async () => {
    const agent = await onlineAgentOn(a);
    await agentFetch(a.url, adminA, `/agents/${agent.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ maxChats: 1 }),
    });
    // Everyone else steps away, so this agent is the only one with room.
    for (const row of await storages[0]!.db
      .selectFrom('agents')
      .select('id')
      .where('id', '!=', agent.id)
      .where('status', '=', 'online')
      .execute()) {
      await storages[0]!.db
        .updateTable('agents')
        .set({ status: 'away' })
        .where('id', '=', row.id)
        .execute();
    }
    const starts = await Promise.all(
      [a, b, a, b].map(async (server) => {
        const { token } = await newVisitor(server.url, server.siteKey);
        const v = track(connectVisitor(server.url, token));
        await connected(v);
        return ok<{ conversation: VisitorConversation }>(v, 'conversation:start');
      }),
    );
    await Promise.all([a.app.router.kick(), b.app.router.kick()]);
    const pending = await storages[0]!.db
      .selectFrom('offers')
      .select('conversation_id')
      .where('agent_id', '=', agent.id)
      .where('status', '=', 'pending')
      .execute();
    expect(pending).toHaveLength(1);
    expect(starts.map((s) => s.conversation.id)).toContain(pending[0]!.conversation_id);
  });
});
