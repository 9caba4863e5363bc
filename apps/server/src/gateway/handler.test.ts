import type { AgentClientEvents, Ack } from '@parley/protocol';
import { EventEmitter } from 'node:events';
import pino from 'pino';
import type { Socket } from 'socket.io';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { requestsOf } from './handler.js';

/** Just enough of a socket: incoming events are emitted on it, outgoing ones recorded. */
function fakeSocket() {
  const incoming = new EventEmitter();
  const sent: Array<[string, unknown]> = [];
  const socket = {
    on: (event: string, l: (...args: unknown[]) => void) => incoming.on(event, l),
    emit: (event: string, payload: unknown) => sent.push([event, payload]),
  } as unknown as Socket;
  const ask = (event: string, payload: unknown) =>
    new Promise<Ack<unknown>>((resolve) => incoming.emit(event, payload, resolve));
  return { socket, sent, incoming, ask };
}

describe('typed socket requests', () => {
  const log = pino({ level: 'silent' });

  it('answers with the data, a known error code, or a validation error, and keeps going', async () => {
    const { socket, ask } = fakeSocket();
    const on = requestsOf<AgentClientEvents>(socket, log);
    on.request('conversation:reject', z.object({ conversationId: z.string().min(1) }), (input) => {
      if (input.conversationId === 'gone') return Promise.reject(new AppError('NOT_FOUND'));
      if (input.conversationId === 'boom') return Promise.reject(new Error('secret detail'));
      return Promise.resolve({});
    });
    expect(await ask('conversation:reject', { conversationId: 'c1' })).toEqual({
      ok: true,
      data: {},
    });
    expect(await ask('conversation:reject', { conversationId: '' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await ask('conversation:reject', { conversationId: 'gone' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    // An unexpected failure never shows its text to the client.
    const internal = await ask('conversation:reject', { conversationId: 'boom' });
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(internal)).not.toContain('secret detail');
  });

  it('answers a bad signal with an error event', async () => {
    const { socket, sent, incoming } = fakeSocket();
    const on = requestsOf<AgentClientEvents>(socket, log);
    const seen: unknown[] = [];
    on.signal('typing', z.object({ typing: z.boolean() }), (input) => {
      seen.push(input);
      return Promise.resolve();
    });
    incoming.emit('typing', { typing: 'yes' });
    incoming.emit('typing', { typing: true });
    await Promise.resolve();
    expect(sent).toEqual([['error', expect.objectContaining({ code: 'VALIDATION_FAILED' })]]);
    expect(seen).toEqual([{ typing: true }]);
  });

  it('refuses, at typecheck, events and answers the protocol does not have', () => {
    const { socket } = fakeSocket();
    const on = requestsOf<AgentClientEvents>(socket, log);
    const empty = z.object({});
    // @ts-expect-error: a misspelt event
    on.request('conversation:rejekt', empty, () => Promise.resolve({}));
    // @ts-expect-error: an answer of the wrong shape (agent:status answers { agent })
    on.request('agent:status', empty, () => Promise.resolve({ status: 'online' }));
    // @ts-expect-error: typing is a signal, it has no answer
    on.request('typing', empty, () => Promise.resolve({}));
    expect(typeof on.request).toBe('function');
  });
});
