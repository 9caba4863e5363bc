import {
  AGENT_NAMESPACE,
  SESSION_COOKIE,
  VISITOR_NAMESPACE,
  type AgentClientEvents,
  type AgentServerEvents,
  type ErrorCode,
  type VisitorClientEvents,
  type VisitorServerEvents,
} from '@parley/protocol';
import { fastifyCookie } from '@fastify/cookie';
import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Server, type Namespace, type Socket } from 'socket.io';
import { AppError, logLevelFor, toErrorBody } from '../errors.js';
import { isOwnOrigin } from '../origins.js';
import { agentCanView } from '../domain/permissions.js';
import type { RedisConnections } from '../ports/redis.js';
import type { Metrics } from '../ports/metrics.js';
import { agentConnected, agentDisconnected } from '../services/routing/agentPresence.js';
import { authenticateAgent } from '../services/accounts/agentSessions.js';
import { mustSetUpTwoFactor } from '../services/accounts/twoFactor.js';
import type { Deps } from '../services/deps.js';
import { authenticateVisitor, touchVisitor } from '../services/visitors/visitorSessions.js';
import { trackVisitorConnection } from '../services/visitors/visitorPresence.js';
import type { VisitorRecord } from '../domain/records.js';
import { withAccess } from '../services/access.js';
import {
  initialRooms,
  keepAccessCurrent,
  visitorCountFor,
  visitorCounts,
  type AgentSocketData,
} from './accessRooms.js';
import { registerAgentEvents } from './agentEvents.js';
import { registerRoutingEvents } from './routingEvents.js';
import { registerVisitorsPageEvents } from './visitorsPageEvents.js';
import { startFanout } from './fanout.js';
import { startTicketFanout } from './ticketFanout.js';
import { localSockets } from './localSockets.js';
import { rooms } from './rooms.js';
import { registerVisitorEvents } from './visitorEvents.js';

interface VisitorSocketData {
  visitor: VisitorRecord;
}

/** A refused handshake: the client's connect_error carries `data.code`. */
function refusal(code: ErrorCode, message?: string): Error {
  const app = new AppError(code, message);
  return Object.assign(new Error(app.message), { data: { code: app.code } });
}

export interface Gateway {
  io: Server;
  /**
   * Shutdown, first step: requests that arrive from now on are refused with SHUTTING_DOWN
   * (clients retry on their next connection), and this resolves once every request already
   * being handled has been answered: a committed message has its ack in the socket's buffer.
   */
  drain(maxWaitMs: number): Promise<void>;
  /**
   * Shutdown, last step: closes every connection after what was written to it has gone out.
   * Clients see a closed transport, not a server-side disconnect, so they reconnect by
   * themselves, through the balancer, to another node.
   */
  closeConnections(maxWaitMs: number): Promise<void>;
}

/** Requests being handled (an ack not yet sent), so a shutdown can wait for their answers. */
class InFlight {
  private count = 0;
  private idle: Array<() => void> = [];
  draining = false;

  begin(): () => void {
    this.count += 1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.count -= 1;
      if (this.count === 0) for (const resolve of this.idle.splice(0)) resolve();
    };
  }

  settled(maxWaitMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(resolve, maxWaitMs);
      t.unref();
      this.idle.push(() => {
        clearTimeout(t);
        resolve();
      });
    });
  }
}

/**
 * Every incoming request passes here first: refused while draining, counted until answered.
 * A message:send's time to its ack goes to the metrics.
 */
function trackRequests(socket: Socket, inFlight: InFlight, metrics: Metrics | undefined): void {
  socket.use((packet, next) => {
    const ack = packet[packet.length - 1] as unknown;
    if (typeof ack !== 'function') {
      // Signals (typing) carry no answer; during a shutdown they are dropped.
      if (!inFlight.draining) next();
      return;
    }
    if (inFlight.draining) {
      (ack as (r: unknown) => void)({
        ok: false,
        error: toErrorBody(new AppError('SHUTTING_DOWN')),
      });
      return;
    }
    const end = inFlight.begin();
    const timed = metrics && packet[0] === 'message:send' ? performance.now() : -1;
    packet[packet.length - 1] = (...args: unknown[]) => {
      try {
        (ack as (...a: unknown[]) => void)(...args);
      } finally {
        end();
        if (timed >= 0) metrics!.observeAck((performance.now() - timed) / 1000);
      }
    };
    next();
  });
}

export interface GatewayOptions {
  /** Set on a cluster node: fan-out reaches the sockets of every node through Redis streams. */
  redis?: RedisConnections | null;
}

export function attachGateway(
  server: HttpServer,
  deps: Deps,
  options: GatewayOptions = {},
): Gateway {
  const redis = options.redis ?? null;
  const inFlight = new InFlight();
  let closing = false;
  const io = new Server(server, {
    serveClient: false,
    ...(redis
      ? {
          adapter: createAdapter(redis.queued, {
            streamName: `${redis.prefix}:socket.io`,
            // Enough for a node that missed ~30 s of a busy cluster to catch up from the stream.
            maxLen: 100_000,
          }),
        }
      : {}),
    // Browsers send at most a few KB per event; anything larger is refused before parsing.
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    perMessageDeflate: false,
    cors: { origin: false },
  });

  const agents = io.of(AGENT_NAMESPACE) as unknown as AgentNamespace;
  const visitors = io.of(VISITOR_NAMESPACE) as unknown as VisitorNamespace;

  serveAgents(agents, deps, inFlight, () => closing);
  serveVisitors(visitors, deps, inFlight);
  keepLocalSocketsCurrent(deps, agents, visitors);
  keepAccessCurrent(deps, agents as never);
  startFanout(deps.bus, agents as never, visitors as never, () => visitorCounts(deps));
  startTicketFanout(deps.bus, agents as never);

  return {
    io,
    async drain(maxWaitMs) {
      inFlight.draining = true;
      await inFlight.settled(maxWaitMs);
    },
    async closeConnections(maxWaitMs) {
      closing = true;
      const engine = io.engine as unknown as {
        clients: Record<string, { close(): void }>;
        clientsCount: number;
        close(): void;
      };
      for (const client of Object.values(engine.clients)) client.close();
      const deadline = Date.now() + maxWaitMs;
      while (engine.clientsCount > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      engine.close();
    },
  };
}

type AgentNamespace = Namespace<
  AgentClientEvents,
  AgentServerEvents,
  Record<string, never>,
  AgentSocketData
>;
type VisitorNamespace = Namespace<
  VisitorClientEvents,
  VisitorServerEvents,
  Record<string, never>,
  VisitorSocketData
>;

/**
 * /agent: a signed-in session from our own origin (and, where the organisation requires it, a
 * second factor set up); each socket joins its agent's, session's and team rooms, and counts
 * in presence until it closes.
 */
function serveAgents(
  agents: AgentNamespace,
  deps: Deps,
  inFlight: InFlight,
  closing: () => boolean,
): void {
  agents.use((socket, next) => {
    const headers = socket.handshake.headers;
    if (!isOwnOrigin(headers.origin, headers.host, deps.config.publicUrl)) {
      next(refusal('ORIGIN_NOT_ALLOWED'));
      return;
    }
    const token = fastifyCookie.parse(headers.cookie ?? '')[SESSION_COOKIE];
    const admit = async () => {
      const session = await authenticateAgent(deps, token);
      if (!session) return refusal('UNAUTHENTICATED');
      if (await mustSetUpTwoFactor(deps, session.agent))
        return refusal('TWO_FACTOR_SETUP_REQUIRED');
      // What the agent may see, once per connection; kept current by keepAccessCurrent.
      socket.data.agent = await withAccess(deps, session.agent);
      socket.data.sessionId = session.sessionId;
      return undefined;
    };
    admit().then(
      (refused) => next(refused),
      (err: unknown) => {
        deps.log[logLevelFor(err, 'error')]({ err }, 'agent socket authentication failed');
        next(refusal('STORAGE_UNAVAILABLE'));
      },
    );
  });

  agents.on('connection', (socket) => {
    const { agent, sessionId } = socket.data;
    trackRequests(socket as unknown as Socket, inFlight, deps.metrics);
    deps.metrics?.socketConnected('agent');
    // Handlers first: a client may emit the moment it is connected.
    registerAgentEvents(socket as unknown as Socket, deps, () => socket.data.agent);
    registerRoutingEvents(socket as unknown as Socket, deps, () => socket.data.agent);
    registerVisitorsPageEvents(socket as unknown as Socket, deps, () => socket.data.agent);
    void socket.join(initialRooms(agent, sessionId));
    void visitorCountFor(deps, agent).then(
      (online) => socket.emit('visitors:count', { online }),
      () => undefined,
    );
    const warn = (err: unknown) =>
      deps.log[logLevelFor(err, 'warn')](
        { err, agentId: agent.id },
        'agent presence update failed',
      );
    void deps.presence
      .connect(agent.id, socket.id)
      .then(async (n) => {
        await agentConnected(deps, agent.id);
        if (n === 1)
          deps.bus.publish({ type: 'agent.presence', agentId: agent.id, connected: true });
      })
      .catch(warn);
    socket.on('disconnect', () => {
      deps.metrics?.socketDisconnected('agent');
      // The grace period counts from this moment, whenever the count below comes back.
      const at = deps.clock.now();
      void deps.presence
        .disconnect(agent.id, socket.id)
        .then(async (n) => {
          // A node shutting down leaves its agents to the leader: they are reconnecting elsewhere.
          if (n > 0 || closing()) return;
          await agentDisconnected(deps, [agent.id], at);
          deps.bus.publish({ type: 'agent.presence', agentId: agent.id, connected: false });
        })
        .catch(warn);
    });
  });
}

/** /visitor: a visitor token; each socket joins its visitor's and site's rooms. */
function serveVisitors(visitors: VisitorNamespace, deps: Deps, inFlight: InFlight): void {
  visitors.use((socket, next) => {
    const auth = socket.handshake.auth as { token?: unknown };
    const token = typeof auth.token === 'string' ? auth.token : undefined;
    authenticateVisitor(deps, token).then(
      (visitor) => {
        if (!visitor) return next(refusal('UNAUTHENTICATED', 'Unknown visitor token.'));
        socket.data.visitor = visitor;
        next();
      },
      (err: unknown) => {
        deps.log[logLevelFor(err, 'error')]({ err }, 'visitor socket authentication failed');
        next(refusal('STORAGE_UNAVAILABLE'));
      },
    );
  });

  visitors.on('connection', (socket) => {
    const { visitor } = socket.data;
    trackRequests(socket as unknown as Socket, inFlight, deps.metrics);
    deps.metrics?.socketConnected('visitor');
    socket.on('disconnect', () => deps.metrics?.socketDisconnected('visitor'));
    registerVisitorEvents(socket as unknown as Socket, deps, () => socket.data.visitor);
    void socket.join([rooms.visitor(visitor.id), rooms.site(visitor.site_id)]);
    touchVisitor(deps, visitor.id).catch((err: unknown) =>
      deps.log[logLevelFor(err, 'warn')]({ err }, 'could not touch visitor'),
    );
    // Agents see whether the visitor is still there (closing asks for confirmation only then).
    trackVisitorConnection(deps, visitor.id, `socket:${socket.id}`, (close) =>
      socket.on('disconnect', close),
    );
  });
}

/**
 * Each node keeps its own sockets' data current; the events come from whichever node made the
 * change.
 */
function keepLocalSocketsCurrent(
  deps: Deps,
  agents: AgentNamespace,
  visitors: VisitorNamespace,
): void {
  // Each node keeps its own sockets' data current; the events come from whichever node
  // made the change. Name and email after identify():
  deps.bus.subscribeEverywhere(['visitor.changed'], (e) => {
    if (e.type !== 'visitor.changed' || !e.self) return;
    const self = e.self;
    for (const s of localSockets(visitors, rooms.visitor(self.id)))
      s.data.visitor = { ...s.data.visitor, name: self.name, email: self.email };
  });

  // When a chat changes hands, sockets that may no longer see it stop receiving its messages.
  deps.bus.subscribeEverywhere(['conversation.changed'], (e) => {
    if (e.type !== 'conversation.changed') return;
    const c = e.conversation;
    for (const s of localSockets(agents, rooms.conversation(c.id)))
      if (!agentCanView(s.data.agent, c)) void s.leave(rooms.conversation(c.id));
  });
}
