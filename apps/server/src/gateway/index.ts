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
import { Server, type Namespace, type Socket } from 'socket.io';
import { AppError } from '../errors.js';
import { isOwnOrigin } from '../origins.js';
import { isSupervisor } from '../domain/actors.js';
import { authenticateAgent } from '../services/agentSessions.js';
import type { Deps } from '../services/deps.js';
import { authenticateVisitor, touchVisitor } from '../services/visitorSessions.js';
import { trackVisitorConnection } from '../services/visitorPresence.js';
import type { AgentRow, VisitorRow } from '../storage/schema.js';
import { registerAgentEvents } from './agentEvents.js';
import { registerRoutingEvents } from './routingEvents.js';
import { registerVisitorAgentEvents } from './visitorAgentEvents.js';
import { startFanout } from './fanout.js';
import { rooms } from './rooms.js';
import { registerVisitorEvents } from './visitorEvents.js';

interface AgentSocketData {
  agent: AgentRow;
  sessionId: string;
}
interface VisitorSocketData {
  visitor: VisitorRow;
}

/** A refused handshake: the client's connect_error carries `data.code`. */
function refusal(code: ErrorCode, message?: string): Error {
  const app = new AppError(code, message);
  return Object.assign(new Error(app.message), { data: { code: app.code } });
}

export interface Gateway {
  io: Server;
  /** Disconnects every client: used on shutdown, after in-flight writes are committed. */
  disconnectAll(): void;
}

export function attachGateway(server: HttpServer, deps: Deps): Gateway {
  const io = new Server(server, {
    serveClient: false,
    // Browsers send at most a few KB per event; anything larger is refused before parsing.
    maxHttpBufferSize: 64 * 1024,
    pingInterval: 20_000,
    pingTimeout: 20_000,
    perMessageDeflate: false,
    cors: { origin: false },
  });

  const agents = io.of(AGENT_NAMESPACE) as unknown as Namespace<
    AgentClientEvents,
    AgentServerEvents,
    Record<string, never>,
    AgentSocketData
  >;
  const visitors = io.of(VISITOR_NAMESPACE) as unknown as Namespace<
    VisitorClientEvents,
    VisitorServerEvents,
    Record<string, never>,
    VisitorSocketData
  >;

  agents.use((socket, next) => {
    const headers = socket.handshake.headers;
    if (!isOwnOrigin(headers.origin, headers.host, deps.config.publicUrl)) {
      next(refusal('ORIGIN_NOT_ALLOWED'));
      return;
    }
    const token = fastifyCookie.parse(headers.cookie ?? '')[SESSION_COOKIE];
    authenticateAgent(deps, token).then(
      (session) => {
        if (!session) return next(refusal('UNAUTHENTICATED'));
        socket.data.agent = session.agent;
        socket.data.sessionId = session.sessionId;
        next();
      },
      (err: unknown) => {
        deps.log.error({ err }, 'agent socket authentication failed');
        next(refusal('STORAGE_UNAVAILABLE'));
      },
    );
  });

  const countVisitors = () => deps.presence.onlineVisitorIds().then((ids) => ids.length);

  agents.on('connection', (socket) => {
    const { agent, sessionId } = socket.data;
    // Handlers first: a client may emit the moment it is connected.
    registerAgentEvents(socket as unknown as Socket, deps, () => socket.data.agent);
    registerRoutingEvents(socket as unknown as Socket, deps, () => socket.data.agent);
    registerVisitorAgentEvents(socket as unknown as Socket, deps, () => socket.data.agent);
    void socket.join([
      rooms.agent(agent.id),
      rooms.session(sessionId),
      rooms.allAgents,
      ...(isSupervisor(agent) ? [rooms.supervisors] : []),
    ]);
    void countVisitors().then((online) => socket.emit('visitors:count', { online }));
    void deps.presence.connect(agent.id, socket.id).then((n) => {
      if (n === 1) deps.bus.publish({ type: 'agent.presence', agentId: agent.id, connected: true });
    });
    socket.on('disconnect', () => {
      void deps.presence.disconnect(agent.id, socket.id).then((n) => {
        if (n === 0)
          deps.bus.publish({ type: 'agent.presence', agentId: agent.id, connected: false });
      });
    });
  });

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
        deps.log.error({ err }, 'visitor socket authentication failed');
        next(refusal('STORAGE_UNAVAILABLE'));
      },
    );
  });

  visitors.on('connection', (socket) => {
    const { visitor } = socket.data;
    registerVisitorEvents(socket as unknown as Socket, deps, () => socket.data.visitor);
    void socket.join([rooms.visitor(visitor.id), rooms.site(visitor.site_id)]);
    touchVisitor(deps, visitor.id).catch((err: unknown) =>
      deps.log.warn({ err }, 'could not touch visitor'),
    );
    // Agents see whether the visitor is still there (closing asks for confirmation only then).
    trackVisitorConnection(deps, visitor.id, `socket:${socket.id}`, (close) =>
      socket.on('disconnect', close),
    );
  });

  // Keep the visitor row on live sockets current (name and email after identify()).
  deps.bus.subscribe((e) => {
    if (e.type !== 'visitor.changed' || !e.self) return;
    const self = e.self;
    void visitors
      .in(rooms.visitor(self.id))
      .fetchSockets()
      .then((sockets) => {
        for (const s of sockets)
          s.data.visitor = { ...s.data.visitor, name: self.name, email: self.email };
      });
  });

  // Keep the agent row on live sockets current (status, name) when it changes.
  deps.bus.subscribe((e) => {
    if (e.type !== 'agent.changed') return;
    void agents
      .in(rooms.agent(e.agent.id))
      .fetchSockets()
      .then((sockets) => {
        for (const s of sockets) s.data.agent = e.agent;
      });
  });

  startFanout(deps.bus, agents as never, visitors as never, countVisitors);

  return {
    io,
    disconnectAll() {
      agents.disconnectSockets(true);
      visitors.disconnectSockets(true);
      io.engine.close();
    },
  };
}
