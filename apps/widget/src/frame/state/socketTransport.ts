import type {
  Ack,
  VISITOR_NAMESPACE,
  VisitorClientEvents,
  VisitorServerEvents,
} from '@parley/protocol';
import { io, type Socket } from 'socket.io-client';
import { RequestError, type TransportFactory } from './transport';

// A literal rather than an import: the protocol's runtime index pulls in zod, which the
// frame must not ship. The type annotation keeps the two in step.
const NAMESPACE: typeof VISITOR_NAMESPACE = '/visitor';
const REQUEST_TIMEOUT_MS = 10_000;

type LooseEmit = (event: string, payload: unknown) => Promise<Ack<unknown>>;

/** The Transport over Socket.IO, on this (Parley) origin. */
export const socketTransport: TransportFactory = (token, events) => {
  const socket: Socket<VisitorServerEvents, VisitorClientEvents> = io(location.origin + NAMESPACE, {
    auth: { token },
    transports: ['websocket', 'polling'],
  });
  socket.on('connect', () => events.connect());
  socket.on('disconnect', (reason) => {
    events.disconnect();
    // Socket.IO leaves a socket down when the server closed it, which a server does when it
    // restarts or drains. The chat must come back by itself, so reconnect (after a jittered
    // pause, so that a whole audience does not return in the same millisecond).
    if (reason === 'io server disconnect')
      setTimeout(() => socket.connect(), 500 + Math.random() * 1500);
  });
  socket.on('connect_error', (err: Error & { data?: { code?: unknown } }) => {
    // Without `data.code` it is a network problem and Socket.IO keeps retrying by itself;
    // with one the server said no, and the socket stays down until we act.
    const code = err.data?.code;
    if (typeof code === 'string' && !socket.active) events.refused(code);
  });
  socket.on('message:new', (m) => events.message(m));
  socket.on('conversation:updated', (c) => events.conversation(c));
  socket.on('typing', (e) => events.typing(e));
  socket.on('seen', (e) => {
    if (e && typeof e.seq === 'number') events.seen(e);
  });
  socket.on('availability', (e) => {
    if (typeof e?.agentsAvailable === 'boolean') events.availability(e.agentsAvailable);
  });
  socket.on('invitation', (i) => {
    if (i && typeof i.id === 'string') events.invitation(i);
  });
  socket.on('visitor:updated', (v) => {
    if (v && typeof v.id === 'string') events.visitor(v);
  });

  return {
    get connected() {
      return socket.connected;
    },
    async request(name, payload) {
      if (!socket.connected) throw new RequestError('DISCONNECTED');
      let ack: Ack<unknown>;
      try {
        const timed = socket.timeout(REQUEST_TIMEOUT_MS) as unknown as { emitWithAck: LooseEmit };
        ack = await timed.emitWithAck(name, payload);
      } catch {
        throw new RequestError(socket.connected ? 'TIMEOUT' : 'DISCONNECTED');
      }
      if (!ack || typeof ack !== 'object') throw new RequestError('INTERNAL');
      if (ack.ok) return ack.data as never;
      throw new RequestError(ack.error.code, ack.error.message, ack.error.details);
    },
    typing(payload) {
      // Typing is ephemeral: never buffered for later delivery.
      if (socket.connected) socket.volatile.emit('typing', payload);
    },
    seen(payload) {
      if (socket.connected) socket.volatile.emit('message:seen', payload);
    },
    reconnect(newToken) {
      socket.auth = { token: newToken };
      // A connected socket belongs to the old token: drop it before connecting as the new one.
      if (socket.connected) socket.disconnect();
      socket.connect();
    },
    close() {
      socket.close();
    },
  };
};
