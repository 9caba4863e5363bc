import type { LiveVisitor, Message, WidgetConfig } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import { failOnServerErrors } from './support/logs.js';
import { useCluster, type Cluster } from './support/cluster.js';
import {
  agentAt,
  agentsLoad,
  askEveryNode,
  messagesInDb,
  nodeBehindBalancer,
  startChat,
  takeChat,
  untilAllAcked,
  untilStoresMatchDb,
  viaBalancer,
  visitorAt,
  visitorsList,
} from './support/people.js';
import {
  collect,
  connectAgent,
  connectVisitor,
  connected,
  nextEvent,
  ok,
  request,
} from './support/sockets.js';
import { pollUntil } from './support/wait.js';

/**
 * A cluster working normally: three processes behind HAProxy behave as one server for the
 * widget and the console, and the races PostgreSQL decides (one owner per chat, one open chat
 * per visitor) are decided once across nodes.
 */
const cluster = useCluster({ nodes: 3, balancer: true });
failOnServerErrors(cluster);

const rnd = () => Math.random().toString(36).slice(2, 10);

/** What each node's widget config says (fetched from each node itself). */
const configs = (c: Cluster): Promise<WidgetConfig[]> =>
  Promise.all(c.nodes.map((n) => c.api(n).widgetConfig()));

describe('three nodes behind HAProxy', () => {
  it('carries a chat between a visitor on node A, an agent on node B and a supervisor on node C', async () => {
    const c = cluster();
    // The stickiness cookie takes each client to the node it names.
    for (const n of c.nodes) expect(await nodeBehindBalancer(c, n.name)).toBe(n.name);
    // The first test of a fresh cluster: nobody can answer yet, on any node.
    expect((await configs(c)).map((x) => x.agentsAvailable)).toEqual([false, false, false]);

    const visitor = await visitorAt(c, viaBalancer('node-a'), 'visitor-a');
    const told = nextEvent(visitor.socket, 'availability', (e) => e.agentsAvailable, {
      what: 'agents available, told to the visitor on node A',
    });
    const supervisor = await agentAt(c, viaBalancer('node-c'), {
      name: 'Supervisor C',
      role: 'supervisor',
    });
    const agent = await agentAt(c, viaBalancer('node-b'), { name: 'Agent B', status: 'online' });
    await told;
    await pollUntil(async () => (await configs(c)).every((x) => x.agentsAvailable), {
      timeoutMs: 3000,
      what: "every node's widget config saying an agent is online",
    });

    const conversationId = await startChat(visitor);
    await takeChat(agent, conversationId);
    await supervisor.client.watch(conversationId);

    const atVisitor = collect(visitor.socket, 'message:new');
    const atAgent = collect(agent.client.socket, 'message:new');
    const atSupervisor = collect(supervisor.client.socket, 'message:new');
    const has = (seen: Message[], body: string) => seen.some((m) => m.body === body);

    // Visitor (A) to agent (B) and supervisor (C), live.
    visitor.send('Hello from node A');
    await pollUntil(
      () => has(atAgent, 'Hello from node A') && has(atSupervisor, 'Hello from node A'),
      { timeoutMs: 5000, what: "the visitor's message at the agent and the supervisor" },
    );
    // Agent (B) to visitor (A) and supervisor (C), live.
    await ok(agent.client.socket, 'message:send', {
      conversationId,
      clientId: `agent-${rnd()}`,
      body: 'Hello from node B',
    });
    await pollUntil(
      () => has(atVisitor, 'Hello from node B') && has(atSupervisor, 'Hello from node B'),
      { timeoutMs: 5000, what: "the agent's message at the visitor and the supervisor" },
    );

    // Typing, both ways (the supervisor watching sees both too).
    const agentSeesTyping = nextEvent(
      agent.client.socket,
      'typing',
      (e) => e.conversationId === conversationId && e.author.type === 'visitor' && e.typing,
      { what: 'the visitor typing, at the agent on node B' },
    );
    const supervisorSeesTyping = nextEvent(
      supervisor.client.socket,
      'typing',
      (e) => e.conversationId === conversationId && e.author.type === 'visitor' && e.typing,
      { what: 'the visitor typing, at the supervisor on node C' },
    );
    visitor.socket.emit('typing', { conversationId, typing: true });
    await Promise.all([agentSeesTyping, supervisorSeesTyping]);
    const visitorSeesTyping = nextEvent(
      visitor.socket,
      'typing',
      (e) => e.conversationId === conversationId && e.author.id === agent.id && e.typing,
      { what: 'the agent typing, at the visitor on node A' },
    );
    agent.client.socket.emit('typing', { conversationId, typing: true });
    await visitorSeesTyping;

    // Each message arrived once: a last message from each side proves nothing is still coming.
    visitor.send('marker from A');
    await ok(agent.client.socket, 'message:send', {
      conversationId,
      clientId: `agent-${rnd()}`,
      body: 'marker from B',
    });
    await untilAllAcked([visitor], 5000);
    await pollUntil(
      () =>
        has(atVisitor, 'marker from A') &&
        has(atVisitor, 'marker from B') &&
        has(atAgent, 'marker from A') &&
        has(atSupervisor, 'marker from B'),
      { timeoutMs: 5000, what: 'both markers at every client' },
    );
    for (const [who, seen] of [
      ['visitor', atVisitor],
      ['agent', atAgent],
      ['supervisor', atSupervisor],
    ] as const) {
      const ids = seen.map((m) => m.id);
      expect(new Set(ids).size, `${who} got a message twice`).toBe(ids.length);
    }
    await untilStoresMatchDb(
      c,
      {
        visitors: [visitor],
        agents: [
          { client: agent.client, conversations: [conversationId] },
          { client: supervisor.client, conversations: [conversationId] },
        ],
      },
      5000,
    );

    // The Visitors page: the same visitor, chatting in this conversation, on every node.
    const mine = (list: LiveVisitor[]) =>
      list.find((v) => v.conversationId === conversationId) ?? null;
    let pages = new Map<string, LiveVisitor | null>();
    await pollUntil(
      async () => {
        pages = new Map(
          [...(await askEveryNode(c, visitorsList))].map(([node, list]) => [node, mine(list)]),
        );
        const seen = [...pages.values()];
        return (
          seen.length === 3 &&
          seen.every((v) => v?.online && v.state === 'chatting') &&
          seen.every((v) => JSON.stringify(v) === JSON.stringify(seen[0]))
        );
      },
      {
        timeoutMs: 5000,
        what: 'the same chatting visitor on the Visitors page of every node',
        describe: () => JSON.stringify(Object.fromEntries(pages)),
      },
    );
    // The badge: every node counts the same visitors on the site.
    const counts = await Promise.all(
      c.nodes.map(async (n) => {
        const s = c.track(connectAgent(n.url, c.admin, c.originFor(n.url)));
        const count = nextEvent(s, 'visitors:count', () => true, {
          what: `visitors:count from ${n.name}`,
        });
        await connected(s);
        return (await count).online;
      }),
    );
    expect(counts[0]).toBeGreaterThanOrEqual(1);
    expect(counts).toEqual([counts[0], counts[0], counts[0]]);
    // The team view: the agent online and connected with one chat, on every node.
    const loads = await askEveryNode(c, agentsLoad);
    for (const [node, list] of loads) {
      const row = list.find((l) => l.agent.id === agent.id);
      expect(row, node).toMatchObject({
        connected: true,
        activeChats: 1,
        agent: { status: 'online' },
      });
      expect(
        list.find((l) => l.agent.id === supervisor.id),
        node,
      ).toMatchObject({
        connected: true,
      });
    }

    // The agent closes: the visitor on node A is told.
    const closed = nextEvent(
      visitor.socket,
      'conversation:updated',
      (conv) => conv.id === conversationId && conv.status === 'closed',
      { what: 'the closed chat, at the visitor on node A' },
    );
    await ok(agent.client.socket, 'conversation:close', { conversationId });
    expect(await closed).toMatchObject({ closedBy: 'agent' });

    // The agent leaves: every node's widget says nobody can answer, and the visitor is told.
    const nobody = nextEvent(visitor.socket, 'availability', (e) => !e.agentsAvailable, {
      what: 'nobody available, told to the visitor on node A',
    });
    agent.client.close();
    await nobody;
    await pollUntil(async () => (await configs(c)).every((x) => !x.agentsAvailable), {
      timeoutMs: 3000,
      what: "every node's widget config saying nobody is online",
    });
  });

  it('gives a chat two agents on two nodes accept at once to exactly one of them, 100 times', async () => {
    const c = cluster();
    const [a, b] = await Promise.all([
      agentAt(c, c.node('node-a'), { name: 'Racer A', status: 'online' }),
      agentAt(c, c.node('node-b'), { name: 'Racer B', status: 'online' }),
    ]);
    const racers = [a, b];
    for (let trial = 0; trial < 100; trial += 1) {
      const visitor = await visitorAt(c, c.nodes[trial % 3]!, `racer-visitor-${trial}`);
      const conversationId = await startChat(visitor);
      const answers = await Promise.all(
        racers.map((r) => request(r.client.socket, 'conversation:accept', { conversationId })),
      );
      const winners = racers.filter((_, i) => answers[i]!.ok);
      expect(winners, `trial ${trial}: ${JSON.stringify(answers)}`).toHaveLength(1);
      const loser = answers.find((x) => !x.ok);
      expect(loser && !loser.ok && loser.error.code, `trial ${trial}`).toBe('ALREADY_TAKEN');
      const winner = winners[0]!;
      const won = answers.find((x) => x.ok);
      expect(won?.ok && won.data.conversation.assignee?.id, `trial ${trial}`).toBe(winner.id);

      const [row] = await c.db.query<{ status: string; assignee_id: string | null }>(
        'select status, assignee_id from conversations where id = $1',
        [conversationId],
      );
      expect(row, `trial ${trial}`).toEqual({ status: 'active', assignee_id: winner.id });
      // One acceptance recorded and one "joined" line: the loser changed nothing.
      const [acceptances] = await c.db.query<{ n: string }>(
        `select (select count(*) from offers where conversation_id = $1 and status = 'accepted')
              + (select count(*) from routing_events where conversation_id = $1 and kind = 'accepted') as n`,
        [conversationId],
      );
      expect(Number(acceptances!.n), `trial ${trial}: acceptances`).toBe(1);
      const joined = (await messagesInDb(c, [conversationId])).filter(
        (m) => m.author_type === 'system',
      );
      expect(joined, `trial ${trial}: system lines`).toHaveLength(1);

      await ok(winner.client.socket, 'conversation:close', { conversationId });
      visitor.close();
    }
  });

  it('opens one conversation when a visitor starts ten at once on three nodes', async () => {
    const c = cluster();
    for (let round = 0; round < 5; round += 1) {
      const { token, visitorId } = await c.api(c.nodes[0]!).newVisitor();
      const sockets = Array.from({ length: 10 }, (_, i) =>
        c.track(connectVisitor(c.nodes[i % 3]!.url, token)),
      );
      await Promise.all(sockets.map((s, i) => connected(s, `tab ${i}`)));
      const answers = await Promise.all(sockets.map((s) => request(s, 'conversation:start', {})));
      const ids = answers.map((x) => {
        if (!x.ok) throw new Error(`round ${round}: start refused: ${JSON.stringify(x.error)}`);
        return x.data.conversation.id;
      });
      expect(new Set(ids).size, `round ${round}: ${ids.join(', ')}`).toBe(1);
      const rows = await c.db.query<{ id: string; status: string }>(
        'select id, status from conversations where visitor_id = $1',
        [visitorId],
      );
      expect(rows, `round ${round}`).toHaveLength(1);
      expect(rows[0]!.id).toBe(ids[0]);
      expect(rows[0]!.status).not.toBe('closed');
      await ok(sockets[0]!, 'conversation:close', { conversationId: ids[0]! });
      for (const s of sockets) s.disconnect();
    }
  });

  it('serves a visitor on long-polling through the balancer, kept on one node by its cookie', async () => {
    const c = cluster();
    const agent = await agentAt(c, c.node('node-b'), {
      name: 'Agent for polling',
      status: 'online',
    });
    const visitor = await visitorAt(c, viaBalancer(), 'polling-visitor', {
      transports: ['polling'],
      withCredentials: true,
    });
    expect(visitor.socket.io.engine.transport.name).toBe('polling');
    const conversationId = await startChat(visitor);
    await takeChat(agent, conversationId);
    const atVisitor = collect(visitor.socket, 'message:new');

    for (let i = 0; i < 10; i += 1) {
      visitor.send(`polling message ${i}`);
      await ok(agent.client.socket, 'message:send', {
        conversationId,
        clientId: `agent-${rnd()}`,
        body: `agent answer ${i}`,
      });
    }
    await untilAllAcked([visitor], 10_000);
    await pollUntil(() => atVisitor.some((m) => m.body === 'agent answer 9'), {
      timeoutMs: 5000,
      what: "the agent's last answer at the polling visitor",
    });
    await untilStoresMatchDb(
      c,
      { visitors: [visitor], agents: [{ client: agent.client, conversations: [conversationId] }] },
      5000,
    );
    // Every poll reached the node holding the session: it was never dropped, never upgraded.
    expect(visitor.disconnects).toEqual([]);
    expect(visitor.epoch).toBe(1);
    expect(visitor.socket.io.engine.transport.name).toBe('polling');
    expect(visitor.acked.every((s) => s.attempts.length === 1)).toBe(true);
  });
});
