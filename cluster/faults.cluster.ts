import { describe, expect, it } from 'vitest';
import type { ChatVisitor } from './support/clients.js';
import { failOnServerErrors } from './support/logs.js';
import { useCluster, type Cluster, type ParleyNode } from './support/cluster.js';
import {
  agentAt,
  agentsLoad,
  askEveryNode,
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
import { delay, pollUntil } from './support/wait.js';

/**
 * Faults under load: a node killed with kill -9, Redis gone for 5 s and for 30 s. Every
 * client goes through HAProxy, pinned to a node by the stickiness cookie as a browser sent
 * there before would be, so it reconnects through the balancer to whoever is left.
 */
const cluster = useCluster({ nodes: 3, balancer: true });
failOnServerErrors(cluster);

interface Chat {
  visitor: ChatVisitor;
  owner: Person;
  /** The node the visitor's cookie names. */
  home: ParleyNode;
}

/**
 * `count` visitors spread over the nodes, each chatting with the agent on the next node (so
 * every message crosses nodes), one agent per node; all through the balancer.
 */
async function chatsAcrossNodes(
  c: Cluster,
  label: string,
  count: number,
): Promise<{ chats: Chat[]; agents: Person[] }> {
  for (const n of c.nodes) expect(await nodeBehindBalancer(c, n.name)).toBe(n.name);
  const agents = await Promise.all(
    c.nodes.map((n) =>
      agentAt(c, viaBalancer(n.name), {
        name: `${label}-agent-${n.name}`,
        status: 'online',
        connect: { reconnection: true },
      }),
    ),
  );
  const chats = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const home = c.nodes[i % c.nodes.length]!;
      const visitor = await visitorAt(c, viaBalancer(home.name), `${label}-v${i}`);
      const owner = agents[(c.nodes.indexOf(home) + 1) % agents.length]!;
      const conversationId = await startChat(visitor);
      await takeChat(owner, conversationId);
      return { visitor, owner, home };
    }),
  );
  return { chats, agents };
}

/**
 * What the database holds against what the visitors were told: every acknowledged message
 * once (by clientId) with the id and seq of its ack, nothing from these visitors that no ack
 * announced, and each visitor's messages in the order sent.
 */
async function expectAckedExactlyOnce(c: Cluster, visitors: ChatVisitor[]): Promise<number> {
  const db = await messagesInDb(
    c,
    visitors.map((v) => v.conversationId),
  );
  let acked = 0;
  for (const v of visitors) {
    const rows = db.filter((m) => m.conversation_id === v.conversationId);
    const byClientId = new Map<string, typeof rows>();
    for (const r of rows.filter((m) => m.author_type === 'visitor'))
      byClientId.set(r.client_id!, [...(byClientId.get(r.client_id!) ?? []), r]);
    for (const s of v.sent) {
      expect(s.ack, `${v.name}: ${s.clientId} never acknowledged`).not.toBeNull();
      const stored = byClientId.get(s.clientId) ?? [];
      expect(stored, `${v.name}: ${s.clientId} (acked ${JSON.stringify(s.ack)})`).toHaveLength(1);
      expect({ id: stored[0]!.id, seq: stored[0]!.public_seq }).toEqual({
        id: s.ack!.id,
        seq: s.ack!.seq,
      });
      acked += 1;
    }
    const sentIds = new Set(v.sent.map((s) => s.clientId));
    const unannounced = [...byClientId.keys()].filter((id) => !sentIds.has(id));
    expect(unannounced, `${v.name}: stored but never sent`).toEqual([]);
    // One in flight at a time: the order of sending is the order of seq.
    const seqs = v.sent.map((s) => s.ack!.seq);
    expect(
      seqs.every((s, i) => i === 0 || s > seqs[i - 1]!),
      `${v.name}: seqs ${seqs.join(',')}`,
    ).toBe(true);
    // Seqs of a conversation have no holes and no repeats.
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
  }
  return acked;
}

const ownerStores = (chats: Chat[], agents: Person[]) =>
  agents.map((a) => ({
    client: a.client,
    conversations: chats.filter((ch) => ch.owner === a).map((ch) => ch.visitor.conversationId),
  }));

describe('a node killed with kill -9', () => {
  it('loses and duplicates nothing acknowledged while 20 visitors send 200 messages a second', async () => {
    const c = cluster();
    const leader = await c.leader();
    // A node that does not lead: losing the leader is leader.cluster.ts's subject.
    const victim = c.nodes.find((n) => n !== leader)!;
    const survivors = c.nodes.filter((n) => n !== victim);
    const { chats, agents } = await chatsAcrossNodes(c, 'kill', 20);
    const visitors = chats.map((ch) => ch.visitor);
    // An agent whose only connection is on the victim, not coming back.
    const stranded = await agentAt(c, victim, { name: 'stranded', status: 'online' });
    const connectedOn = async (agentId: string, among: ParleyNode[]) =>
      [...(await askEveryNode(c, agentsLoad, among)).values()].map(
        (list) => list.find((l) => l.agent.id === agentId)?.connected,
      );
    expect(await connectedOn(stranded.id, c.nodes)).toEqual([true, true, true]);

    // 20 visitors, one message each 100 ms: 200 a second.
    const load = keepSending(visitors, 100, 'kill');
    await delay(3000);
    await victim.kill9();
    const killedAt = Date.now();
    // The stranded agent leaves every survivor's presence within 15 s, and the leader notes
    // it gone (the offline grace period runs from then; its offers go to others).
    const gone = pollUntil(
      async () => {
        const shown = await connectedOn(stranded.id, survivors);
        const [row] = await c.db.query<{ disconnected_at: string | null }>(
          'select disconnected_at from agents where id = $1',
          [stranded.id],
        );
        return shown.every((x) => x === false) && row?.disconnected_at != null ? Date.now() : null;
      },
      {
        timeoutMs: 15_000,
        intervalMs: 500,
        what: "the killed node's agent shown disconnected on every survivor and noted gone",
      },
    );
    await delay(5000);
    load.stop();
    const goneAt = await gone;
    expect(goneAt - killedAt).toBeLessThan(15_000);

    await untilAllAcked(visitors, 30_000);
    const acked = await expectAckedExactlyOnce(c, visitors);
    expect(acked).toBeGreaterThan(1000);
    // The visitors on the killed node, and only they, lost their connection and came back.
    expect(
      chats.filter((ch) => ch.visitor.disconnects.length > 0).map((ch) => ch.visitor.name),
    ).toEqual(chats.filter((ch) => ch.home === victim).map((ch) => ch.visitor.name));
    // Every connected client holds exactly what the database holds, within 10 s.
    await untilStoresMatchDb(c, { visitors, agents: ownerStores(chats, agents) }, 10_000);
    // Everyone else stayed connected; the agent on the victim came back through the balancer.
    expect(agents.every((a) => a.client.socket.connected)).toBe(true);
    expect(visitors.every((v) => v.socket.connected)).toBe(true);
    const [agentOfVictim] = agents.filter((a) => a.client.disconnects.length > 0);
    expect(agentOfVictim, 'the agent on the killed node reconnected').toBeDefined();
    expect(await connectedOn(agentOfVictim!.id, survivors)).toEqual([true, true]);
  });
});

describe.each([5_000, 30_000])('Redis gone for %i ms', (outageMs) => {
  it('delivers what was sent meanwhile and never acknowledges what was not stored', async () => {
    const c = cluster();
    const { chats, agents } = await chatsAcrossNodes(c, `redis${outageMs / 1000}`, 6);
    const visitors = chats.map((ch) => ch.visitor);
    // 6 visitors, one message each 200 ms.
    const load = keepSending(visitors, 200, 'redis');
    await delay(2000);
    await c.redis.stop();
    await delay(outageMs);
    await c.redis.start();
    const backAt = Date.now();

    // Delivery across nodes resumes: a message sent now reaches its agent on another node.
    const markers = chats.map((ch) => ({ ...ch, sent: ch.visitor.send('after the outage') }));
    await pollUntil(
      () =>
        markers.every(
          (m) =>
            m.sent.ack !== null &&
            m.owner.client.store.byId.has(m.sent.ack.id) &&
            m.visitor.store.byId.has(m.sent.ack.id),
        ),
      {
        timeoutMs: 30_000,
        what: 'a message sent after Redis came back, at its visitor and its agent',
        describe: () =>
          markers
            .filter((m) => !m.sent.ack || !m.owner.client.store.byId.has(m.sent.ack.id))
            .map((m) => `${m.visitor.name}: ${m.sent.ack ? 'acked' : 'not acked'}`)
            .join(', '),
      },
    );
    const resumedAfter = Date.now() - backAt;
    load.stop();
    await untilAllAcked(visitors, 30_000);
    await expectAckedExactlyOnce(c, visitors);
    // What was sent during the outage reaches every client too (live or by their sync),
    // within 30 s of Redis's return.
    await untilStoresMatchDb(
      c,
      { visitors, agents: ownerStores(chats, agents) },
      Math.max(1000, 30_000 - (Date.now() - backAt)),
    );
    expect(resumedAfter).toBeLessThan(30_000);
    // Refusals, if any, said that nothing was stored (and were retried).
    const refusals = visitors.flatMap((v) => v.sent.flatMap((s) => s.refusals));
    expect(
      refusals.filter((code) => !['STORAGE_UNAVAILABLE', 'SHUTTING_DOWN'].includes(code)),
    ).toEqual([]);
    // New visitors can come in again: the balancer routes to every node.
    await c.balancerSeesAll(15_000);
    // Presence is whole again: every agent connected, on every node.
    await pollUntil(
      async () =>
        [...(await askEveryNode(c, agentsLoad)).values()].every((list) =>
          agents.every((a) => list.find((l) => l.agent.id === a.id)?.connected),
        ),
      { timeoutMs: 15_000, what: 'every agent connected again on every node' },
    );
  });
});
