import type {
  Ack,
  AckFn,
  AgentClientEvents,
  AgentServerEvents,
  VisitorClientEvents,
  VisitorServerEvents,
} from '@parley/protocol';
import type { EventsMap } from '@socket.io/component-emitter';
import { io, type Socket } from 'socket.io-client';
import type { AgentLogin } from './api.js';

export type VisitorSocket = Socket<VisitorServerEvents, VisitorClientEvents>;
export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

/** How long a test waits for an event or an ack before failing with its name. */
export const EVENT_TIMEOUT_MS = 10_000;

export interface ConnectOptions {
  /** Socket.IO's own reconnection (off by default: a test that wants it says so). */
  reconnection?: boolean;
  transports?: Array<'websocket' | 'polling'>;
  /** Keep cookies between requests (the balancer's stickiness cookie on long-polling). */
  withCredentials?: boolean;
  /**
   * Through the balancer: present HAProxy's stickiness cookie for this node, as a browser that
   * was sent there before would. While that node is down HAProxy sends the client elsewhere.
   */
  stickTo?: string;
}

/** The balancer's stickiness cookie (scripts/lib/haproxy.mjs: `cookie PARLEY_NODE insert`). */
export const STICKY_COOKIE = 'PARLEY_NODE';

const cookies = (...parts: Array<string | undefined>) => parts.filter(Boolean).join('; ');
const sticky = (o: ConnectOptions) => (o.stickTo ? `${STICKY_COOKIE}=${o.stickTo}` : undefined);

const options = (o: ConnectOptions) => ({
  transports: o.transports ?? ['websocket'],
  reconnection: o.reconnection ?? false,
  reconnectionDelay: 200,
  reconnectionDelayMax: 1000,
  randomizationFactor: 0.5,
  forceNew: true,
  withCredentials: o.withCredentials ?? false,
  timeout: 5000,
});

export function connectVisitor(url: string, token: string, o: ConnectOptions = {}): VisitorSocket {
  const cookie = sticky(o);
  return io(`${url}/visitor`, {
    ...options(o),
    auth: { token },
    ...(cookie ? { extraHeaders: { cookie } } : {}),
  });
}

export function connectAgent(
  url: string,
  login: AgentLogin,
  origin: string,
  o: ConnectOptions = {},
): AgentSocket {
  return io(`${url}/agent`, {
    ...options(o),
    extraHeaders: { cookie: cookies(login.cookie, sticky(o)), origin },
  });
}

/** Resolves once connected; rejects with the handshake's refusal or after `timeoutMs`. */
export function connected(
  socket: Socket,
  what = 'socket',
  timeoutMs = EVENT_TIMEOUT_MS,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.connected) return resolve();
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`${what}: 'connect' did not come within ${timeoutMs} ms`));
    }, timeoutMs);
    const onConnect = () => {
      cleanup();
      resolve();
    };
    const onError = (err: Error & { data?: unknown }) => {
      // With reconnection on, Socket.IO retries by itself: keep waiting.
      if (socket.active) return;
      cleanup();
      reject(
        new Error(`${what}: connect_error ${err.message} ${JSON.stringify(err.data ?? null)}`),
      );
    };
    const cleanup = () => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('connect_error', onError);
    };
    socket.on('connect', onConnect);
    socket.on('connect_error', onError);
  });
}

type PayloadOf<F> = F extends (payload: infer P, ...rest: never[]) => void ? P : never;
type AckDataOf<F> = F extends (payload: never, ack: AckFn<infer T>) => void ? T : never;

interface LooseSocket {
  timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
  on(event: string, handler: (payload: unknown) => void): unknown;
  off(event: string, handler: (payload: unknown) => void): unknown;
}
const loose = (s: Socket) => s as unknown as LooseSocket;

/** Emits a request and resolves with its acknowledgement; rejects naming the event if none came. */
export async function request<L extends EventsMap, C extends EventsMap, E extends keyof C & string>(
  socket: Socket<L, C>,
  event: E,
  payload: PayloadOf<C[E]>,
  timeoutMs = EVENT_TIMEOUT_MS,
): Promise<Ack<AckDataOf<C[E]>>> {
  try {
    return (await loose(socket as unknown as Socket)
      .timeout(timeoutMs)
      .emitWithAck(event, payload)) as Ack<AckDataOf<C[E]>>;
  } catch (err) {
    throw new Error(`no ack for '${event}' within ${timeoutMs} ms (${(err as Error).message})`);
  }
}

/** Like request, but fails unless the ack is ok, naming the event and the error code. */
export async function ok<L extends EventsMap, C extends EventsMap, E extends keyof C & string>(
  socket: Socket<L, C>,
  event: E,
  payload: PayloadOf<C[E]>,
  timeoutMs = EVENT_TIMEOUT_MS,
): Promise<AckDataOf<C[E]>> {
  const res = await request(socket, event, payload, timeoutMs);
  if (!res.ok) throw new Error(`'${event}' was refused: ${res.error.code} ${res.error.message}`);
  return res.data;
}

type ArgOf<F> = F extends (payload: infer P) => void ? P : never;

/** Resolves with the first `event` payload that matches; rejects naming the event after `timeoutMs`. */
export function nextEvent<L extends EventsMap, C extends EventsMap, E extends keyof L & string>(
  socket: Socket<L, C>,
  event: E,
  match: (payload: ArgOf<L[E]>) => boolean = () => true,
  opts: { timeoutMs?: number; what?: string } = {},
): Promise<ArgOf<L[E]>> {
  const timeoutMs = opts.timeoutMs ?? EVENT_TIMEOUT_MS;
  const s = loose(socket as unknown as Socket);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      s.off(event, handler);
      reject(
        new Error(
          `no matching '${event}' event${opts.what ? ` (${opts.what})` : ''} within ${timeoutMs} ms`,
        ),
      );
    }, timeoutMs);
    const handler = (payload: unknown) => {
      if (!match(payload as ArgOf<L[E]>)) return;
      clearTimeout(timer);
      s.off(event, handler);
      resolve(payload as ArgOf<L[E]>);
    };
    s.on(event, handler);
  });
}

/** Collects every payload of one event on a socket, from now on. */
export function collect<L extends EventsMap, C extends EventsMap, E extends keyof L & string>(
  socket: Socket<L, C>,
  event: E,
): Array<ArgOf<L[E]>> {
  const seen: Array<ArgOf<L[E]>> = [];
  loose(socket as unknown as Socket).on(event, (p) => seen.push(p as ArgOf<L[E]>));
  return seen;
}
