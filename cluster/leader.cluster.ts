import type { Conversation } from '@parley/protocol';
import { describe, expect, it } from 'vitest';
import type { ChatVisitor } from './support/clients.js';
import { failOnServerErrors } from './support/logs.js';
import { useCluster, type Cluster } from './support/cluster.js';
import {
  agentAt,
  keepSending,
  messagesInDb,
  nodeBehindBalancer,
  startChat,
  takeChat,
  untilAllAcked,
  untilStoresMatchDb,
  viaBalancer,
  visitorAt,
  type Person,
} from './support/people.js';
import { collect } from './support/sockets.js';
import { delay, pollUntil } from './support/wait.js';

/**
 * Nodes that go away: the leader killed (another takes over and the timers it ran go on), and
 * a node stopped with SIGTERM under load (it drains: what it committed it acknowledged, and its
 * clients move to the other nodes by themselves).
 */
const cluster = useCluster({ nodes: 3, balancer: true });
failOnServerErrors(cluster);

const OFFER_TIMEOUT_SECONDS = 5;

async function setOfferTimeout(c: Cluster, seconds: number): Promise<void> {
  // Through a node that is up: the one that led may just have been killed.
  const up = c.nodes.find((n) => n.running);
  if (!up) throw new Error('no node is running');
  await c.api(up).asAgent(c.admin, 'PATCH', '/settings', {
    offerTimeoutSeconds: seconds,
  });
  // Each node caches settings for up to a second; every node must route with the new value.
  await pollUntil(
    async () => {
      const all = await Promise.all(
        c.nodes
          .filter((n) => n.running)
          .map((n) =>
            c
              .api(n)
              .asAgent<{ settings: { offerTimeoutSeconds: number } }>(c.admin, 'GET', '/settings'),
          ),
      );
      return all.every((r) => r.settings.offerTimeoutSeconds === seconds);
    },
    { timeoutMs: 5000, what: `offerTimeoutSeconds ${seconds} on every node` },
  );
}

describe('the leader killed', () => {
  it('is replaced within 10 s, and an unanswered offer still times out and goes to someone else', async () => {
    const c = cluster();
    await setOfferTimeout(c, OFFER_TIMEOUT_SECONDS);
    try {
      const leader = await c.leader();
      const survivors = c.nodes.filter((n) => n !== leader);
      // Two agents and a visitor on the nodes that will survive; neither agent answers offers.
      const agents = await Promise.all(
        survivors.map((n) => agentAt(c, n, { name: `quiet-${n.name}`, status: 'online' })),
      );
      const updates = agents.map((a) => collect(a.client.socket, 'conversation:updated'));
      const visitor = await visitorAt(c, survivors[0]!, 'waiting-visitor');
      const conversationId = await startChat(visitor);
      const offeredTo = (i: number) =>
        updates[i]!.some(
          (u: Conversation) => u.id === conversationId && u.offeredTo.includes(agents[i]!.id),
        );
      const { first } = await pollUntil(
        () => {
          const i = [0, 1].find(offeredTo);
          return i === undefined ? null : { first: i };
        },
        { timeoutMs: 10_000, what: 'the chat offered to one of the two agents' },
      );
      const offeredAt = Date.now();
      const firstAgent = agents[first]!;
      const other = agents[1 - first]!;
      expect(offeredTo(1 - first), 'offered to both at once').toBe(false);
      // The offer expires after the leader is gone: only a new leader can time it out.
      await leader.kill9();
      const killedAt = Date.now();
      const next = await c.leader(10_000, survivors);
      expect(Date.now() - killedAt).toBeLessThan(10_000);
      expect(survivors).toContain(next);

      // Unanswered, the offer times out and the chat is offered to the other agent.
      await pollUntil(() => offeredTo(1 - first), {
        timeoutMs: OFFER_TIMEOUT_SECONDS * 1000 + 10_000,
        what: `the chat re-offered to ${other.client.name} once ${firstAgent.client.name}'s offer timed out`,
      });
      expect(Date.now() - offeredAt).toBeGreaterThanOrEqual(OFFER_TIMEOUT_SECONDS * 1000 - 500);
      const offers = await c.db.query<{
        agent_id: string;
        status: string;
        offered_at: string;
        expires_at: string;
      }>(
        'select agent_id, status, offered_at, expires_at from offers where conversation_id = $1 order by offered_at',
        [conversationId],
      );
      expect(offers.map((o) => [o.agent_id, o.status])).toEqual([
        [firstAgent.id, 'timed_out'],
        [other.id, 'pending'],
      ]);
      expect(Number(offers[0]!.expires_at) - Number(offers[0]!.offered_at)).toBe(
        OFFER_TIMEOUT_SECONDS * 1000,
      );
      // The first agent was told the offer ended: it no longer lists them.
      const last = updates[first]!.filter((u) => u.id === conversationId).at(-1);
      expect(last?.offeredTo).not.toContain(firstAgent.id);
    } finally {
      await setOfferTimeout(c, 30);
    }
  });
});

interface Chat {
  visitor: ChatVisitor;
  owner: Person;
}

describe('a node stopped with SIGTERM', () => {
  it('acknowledges everything it committed before closing, and its clients carry on elsewhere', async () => {
    const c = cluster();
    const leader = await c.leader();
    // Drain a node that does not lead (a leader's drain also hands over its timers; the kill
    // test above covers taking over).
    const draining = c.nodes.find((n) => n !== leader)!;
    for (const n of c.nodes) expect(await nodeBehindBalancer(c, n.name)).toBe(n.name);
    const agents = await Promise.all(
      c.nodes.map((n) =>
        agentAt(c, viaBalancer(n.name), {
          name: `drain-agent-${n.name}`,
          status: 'online',
          connect: { reconnection: true },
        }),
      ),
    );
    // 12 visitors, half of them on the node that will stop; each chats with an agent on
    // another node.
    const homes = Array.from({ length: 12 }, (_, i) =>
      i % 2 === 0 ? draining : c.nodes.filter((n) => n !== draining)[i % 4 === 1 ? 0 : 1]!,
    );
    const chats: Chat[] = await Promise.all(
      homes.map(async (home, i) => {
        const visitor = await visitorAt(c, viaBalancer(home.name), `drain-v${i}`);
        const owner = agents[(c.nodes.indexOf(home) + 1) % agents.length]!;
        const conversationId = await startChat(visitor);
        await takeChat(owner, conversationId);
        return { visitor, owner };
      }),
    );
    const visitors = chats.map((ch) => ch.visitor);
    const onDraining = chats.filter((_, i) => homes[i] === draining).map((ch) => ch.visitor);
    const agentOfDraining = agents[c.nodes.indexOf(draining)]!;

    // 12 visitors, one message each 100 ms: 120 a second.
    const load = keepSending(visitors, 100, 'drain');
    await delay(2000);
    const sentBefore = new Map(visitors.map((v) => [v, v.sent.length]));
    await draining.sigterm();
    await delay(3000);
    load.stop();
    await untilAllAcked(visitors, 30_000);

    // Every message committed once, and its ack reached the client on the connection that
    // sent it: no committed message was first answered on a later connection (duplicate).
    const db = await messagesInDb(
      c,
      visitors.map((v) => v.conversationId),
    );
    for (const v of visitors) {
      const rows = db.filter(
        (m) => m.conversation_id === v.conversationId && m.author_type === 'visitor',
      );
      expect(rows.map((r) => r.client_id).sort(), v.name).toEqual(
        v.sent.map((s) => s.clientId).sort(),
      );
      const late = v.sent.filter((s) => s.ack?.duplicate);
      expect(
        late.map((s) => `${s.clientId} attempts ${s.attempts.join(',')} refusals ${s.refusals}`),
        `${v.name}: committed but first acknowledged on a later connection`,
      ).toEqual([]);
      for (const s of v.sent) {
        const row = rows.find((r) => r.client_id === s.clientId)!;
        expect({ id: row.id, seq: row.public_seq }).toEqual({ id: s.ack!.id, seq: s.ack!.seq });
      }
    }

    // The drained node's clients were closed (not told to go away) and reconnected by
    // themselves to the others, where they went on sending.
    for (const v of onDraining) {
      expect(v.disconnects, v.name).toEqual(['transport close']);
      expect(v.epoch, v.name).toBe(2);
      expect(
        v.sent.slice(sentBefore.get(v)!).some((s) => s.ackedOn === 2),
        `${v.name} sent on after the stop`,
      ).toBe(true);
      expect(v.socket.connected).toBe(true);
    }
    for (const v of visitors.filter((x) => !onDraining.includes(x)))
      expect(v.disconnects, v.name).toEqual([]);
    expect(agentOfDraining.client.disconnects).toEqual(['transport close']);
    expect(agentOfDraining.client.socket.connected).toBe(true);
    expect(draining.running).toBe(false);

    // And everyone holds exactly what was stored, within 10 s.
    await untilStoresMatchDb(
      c,
      {
        visitors,
        agents: agents.map((a) => ({
          client: a.client,
          conversations: chats
            .filter((ch) => ch.owner === a)
            .map((ch) => ch.visitor.conversationId),
        })),
      },
      10_000,
    );
  });
});
