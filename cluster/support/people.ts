import type { AgentLoad, LiveVisitor, Message, ReadinessResponse } from '@parley/protocol';
import type { AgentLogin, Role } from './api.js';
import { ChatVisitor, ConsoleAgent } from './clients.js';
import type { Cluster, ParleyNode } from './cluster.js';
import { STICKY_COOKIE, connected, ok, type ConnectOptions } from './sockets.js';
import { pollUntil } from './wait.js';

/**
 * Where a client connects: straight to a node, or through the balancer (optionally with the
 * stickiness cookie of a node, so it lands there and is redispatched once that node is gone).
 */
export type Target = ParleyNode | { balancer: true; stickTo?: string };

export const viaBalancer = (stickTo?: string): Target => ({
  balancer: true,
  ...(stickTo ? { stickTo } : {}),
});

function resolve(cluster: Cluster, target: Target): { url: string; opts: ConnectOptions } {
  if ('balancer' in target)
    return { url: cluster.lbUrl, opts: target.stickTo ? { stickTo: target.stickTo } : {} };
  return { url: target.url, opts: {} };
}

/** Which node the balancer sends a client holding `stickTo`'s cookie to (its /readyz says). */
export async function nodeBehindBalancer(cluster: Cluster, stickTo: string): Promise<string> {
  const res = await fetch(`${cluster.lbUrl}/readyz`, {
    headers: { cookie: `${STICKY_COOKIE}=${stickTo}` },
    signal: AbortSignal.timeout(3000),
  });
  return ((await res.json()) as Partial<ReadinessResponse>).node ?? '';
}

export interface Person {
  login: AgentLogin;
  id: string;
  client: ConsoleAgent;
}

/** A new agent (created by the admin) with a console connected to `target`, in `status`. */
export async function agentAt(
  cluster: Cluster,
  target: Target,
  opts: {
    name: string;
    role?: Role;
    status?: 'online' | 'away' | 'offline';
    connect?: Omit<ConnectOptions, 'stickTo'>;
  },
): Promise<Person> {
  const login = await cluster
    .api(cluster.nodes[0]!)
    .createAgent(cluster.admin, { role: opts.role ?? 'agent', name: opts.name });
  return consoleAt(cluster, target, login, opts);
}

/** A console for an existing login. */
export async function consoleAt(
  cluster: Cluster,
  target: Target,
  login: AgentLogin,
  opts: {
    name: string;
    status?: 'online' | 'away' | 'offline';
    connect?: Omit<ConnectOptions, 'stickTo'>;
  },
): Promise<Person> {
  const { url, opts: sticky } = resolve(cluster, target);
  const client = new ConsoleAgent(opts.name, url, login, cluster.originFor(url), {
    ...opts.connect,
    ...sticky,
  });
  cluster.track(client.socket);
  await connected(client.socket, opts.name);
  if (opts.status) await ok(client.socket, 'agent:status', { status: opts.status });
  return { login, id: login.agentId, client };
}

/** A new visitor with a chat socket to `target` (not yet in a conversation). */
export async function visitorAt(
  cluster: Cluster,
  target: Target,
  name: string,
  connect: Omit<ConnectOptions, 'stickTo'> = {},
): Promise<ChatVisitor> {
  const { url, opts: sticky } = resolve(cluster, target);
  const session = await cluster.api(cluster.nodes[0]!).newVisitor();
  const visitor = new ChatVisitor(name, url, session.token, { ...connect, ...sticky });
  cluster.track(visitor.socket);
  await connected(visitor.socket, name);
  return visitor;
}

/** The visitor starts (or rejoins) their chat; `conversationId` is set on the client. */
export async function startChat(visitor: ChatVisitor): Promise<string> {
  const { conversation } = await ok(visitor.socket, 'conversation:start', {});
  visitor.conversationId = conversation.id;
  return conversation.id;
}

/** The agent takes the chat and watches it, as the console does when the chat is opened. */
export async function takeChat(agent: Person, conversationId: string): Promise<void> {
  await ok(agent.client.socket, 'conversation:accept', { conversationId });
  await agent.client.watch(conversationId);
}

/** An admin console on every node in turn asks `ask`; the answers, by node name. */
export async function askEveryNode<T>(
  cluster: Cluster,
  ask: (client: ConsoleAgent) => Promise<T>,
  among: ParleyNode[] = cluster.nodes.filter((n) => n.running),
): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  await Promise.all(
    among.map(async (node) => {
      const c = await consoleAt(cluster, node, cluster.admin, { name: `admin@${node.name}` });
      try {
        out.set(node.name, await ask(c.client));
      } finally {
        c.client.close();
      }
    }),
  );
  return out;
}

export const visitorsList = async (c: ConsoleAgent): Promise<LiveVisitor[]> =>
  (await ok(c.socket, 'visitors:list', {})).visitors;

export const agentsLoad = async (c: ConsoleAgent): Promise<AgentLoad[]> =>
  (await ok(c.socket, 'agents:load', {})).agents;

interface DbMessage {
  id: string;
  conversation_id: string;
  seq: number;
  /** The visitor's numbering (public messages only): what a visitor's ack and copy carry. */
  public_seq: number | null;
  client_id: string | null;
  author_type: string;
  visibility: string;
}

/** Every message of these conversations in the database, in seq order. */
export async function messagesInDb(
  cluster: Cluster,
  conversationIds: string[],
): Promise<DbMessage[]> {
  const rows = await cluster.db.query<DbMessage>(
    `select id, conversation_id, seq, public_seq, client_id, author_type, visibility
       from messages where conversation_id = any($1) order by conversation_id, seq`,
    [conversationIds],
  );
  return rows.map((r) => ({
    ...r,
    seq: Number(r.seq),
    public_seq: r.public_seq === null ? null : Number(r.public_seq),
  }));
}

/**
 * What a client holds of one conversation compared with the database: missing ids, ids it
 * holds that the database does not, clientIds held twice (under different ids), and seqs that
 * disagree with the database.
 */
export function compareStore(
  held: Iterable<Message>,
  conversationId: string,
  db: DbMessage[],
): { missing: number[]; unknown: string[]; twice: string[]; wrongSeq: string[] } {
  const expected = db.filter((m) => m.conversation_id === conversationId);
  const mine = [...held].filter((m) => m.conversationId === conversationId);
  const byId = new Map(mine.map((m) => [m.id, m]));
  const dbById = new Map(expected.map((m) => [m.id, m]));
  const clientIds = new Map<string, number>();
  for (const m of mine)
    if (m.clientId) clientIds.set(m.clientId, (clientIds.get(m.clientId) ?? 0) + 1);
  return {
    missing: expected.filter((m) => !byId.has(m.id)).map((m) => m.seq),
    unknown: mine.filter((m) => !dbById.has(m.id)).map((m) => m.id),
    twice: [...clientIds].filter(([, n]) => n > 1).map(([id]) => id),
    wrongSeq: mine
      .filter((m) => dbById.get(m.id) && dbById.get(m.id)!.seq !== m.seq)
      .map((m) => m.id),
  };
}

/**
 * Waits until every client holds exactly what the database holds of its conversations (a
 * visitor: the public messages of its chat; an agent: every message of the chats it follows).
 */
export async function untilStoresMatchDb(
  cluster: Cluster,
  parties: {
    visitors: ChatVisitor[];
    agents: Array<{ client: ConsoleAgent; conversations: string[] }>;
  },
  timeoutMs: number,
): Promise<void> {
  let report = '';
  const conversations = [
    ...new Set([
      ...parties.visitors.map((v) => v.conversationId),
      ...parties.agents.flatMap((a) => a.conversations),
    ]),
  ];
  const db = await messagesInDb(cluster, conversations);
  await pollUntil(
    () => {
      const problems: string[] = [];
      const check = (
        who: string,
        held: Iterable<Message>,
        conversationId: string,
        rows: DbMessage[],
      ) => {
        const d = compareStore(held, conversationId, rows);
        if (d.missing.length || d.unknown.length || d.twice.length || d.wrongSeq.length)
          problems.push(`${who} ${conversationId}: ${JSON.stringify(d)}`);
      };
      for (const v of parties.visitors)
        check(
          v.name,
          v.store.byId.values(),
          v.conversationId,
          // A visitor numbers its messages by public_seq.
          db.filter((m) => m.visibility === 'public').map((m) => ({ ...m, seq: m.public_seq! })),
        );
      for (const a of parties.agents)
        for (const c of a.conversations) check(a.client.name, a.client.store.byId.values(), c, db);
      report =
        problems.slice(0, 10).join('\n') +
        (problems.length > 10 ? `\n(+${problems.length - 10} more)` : '');
      return problems.length === 0;
    },
    {
      timeoutMs,
      intervalMs: 200,
      what: 'every client holding exactly the messages the database holds',
      describe: () => report,
    },
  );
}

/**
 * A steady load: every visitor sends one message each `everyMs` (their ticks spread over the
 * interval) until stopped. Sends queue on the client as in the widget: one in flight at a time.
 */
export function keepSending(
  visitors: ChatVisitor[],
  everyMs: number,
  label: string,
): { stop(): void } {
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;
  visitors.forEach((v, i) => {
    const first = setTimeout(
      () => {
        if (stopped) return;
        const send = () => void v.send(`${label} ${v.name} #${v.sent.length}`);
        send();
        timers.push(setInterval(send, everyMs));
      },
      Math.floor((i * everyMs) / visitors.length),
    );
    timers.push(first);
  });
  return {
    stop: () => {
      stopped = true;
      for (const t of timers) clearTimeout(t);
    },
  };
}

/** Waits until every send of these visitors has been acknowledged. */
export async function untilAllAcked(visitors: ChatVisitor[], timeoutMs: number): Promise<void> {
  await pollUntil(() => visitors.every((v) => v.pending.length === 0), {
    timeoutMs,
    intervalMs: 200,
    what: 'an ack for every message sent',
    describe: () =>
      visitors
        .filter((v) => v.pending.length > 0)
        .map(
          (v) =>
            `${v.name}: ${v.pending.length} unacked (connected: ${v.socket.connected}, refusals: ${v.pending[0]?.refusals.join(',')})`,
        )
        .join('; '),
  });
}
