import type { AckFn, AgentClientEvents, AgentServerEvents } from '@parley/protocol';
import type { Socket } from 'socket.io-client';
import type { SendFailure } from './state';

export type AgentSocket = Socket<AgentServerEvents, AgentClientEvents>;

/** Client events answered through an acknowledgement (all but the fire-and-forget `typing`). */
export type RequestEvent = Exclude<keyof AgentClientEvents, 'typing'>;
export type PayloadOf<E extends RequestEvent> = Parameters<AgentClientEvents[E]>[0];
export type DataOf<E extends RequestEvent> =
  Parameters<AgentClientEvents[E]>[1] extends AckFn<infer T> ? T : never;

/** Like the protocol's Ack, plus NO_REPLY for a request the server never answered in time. */
export type RequestResult<T> = { ok: true; data: T } | { ok: false; error: SendFailure };

export const REQUEST_TIMEOUT_MS = 10_000;

const noReply: SendFailure = {
  code: 'NO_REPLY',
  message: 'The server did not answer in time.',
};

/** Emits one request and waits for its acknowledgement, never throwing. */
const offline: SendFailure = {
  code: 'NO_REPLY',
  message: 'Not connected to the server; trying to reconnect.',
};

export async function request<E extends RequestEvent>(
  socket: AgentSocket,
  event: E,
  payload: PayloadOf<E>,
  timeoutMs = REQUEST_TIMEOUT_MS,
): Promise<RequestResult<DataOf<E>>> {
  // socket.io cannot relate a generic event name to its payload, so the call goes through a
  // narrow signature; the event map above is what keeps callers honest.
  const emitter = socket.timeout(timeoutMs) as unknown as {
    emitWithAck(event: string, payload: unknown): Promise<RequestResult<DataOf<E>>>;
  };
  // socket.io would buffer the request and deliver it whenever the link returns; an accept or
  // close landing minutes later would surprise the agent, so refuse while offline instead.
  if (!socket.connected) return { ok: false, error: offline };
  try {
    return await emitter.emitWithAck(event, payload);
  } catch {
    return { ok: false, error: noReply };
  }
}
