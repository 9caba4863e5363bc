import type { Ack, ErrorBody } from '@parley/protocol';
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { AppError, toErrorBody } from '../errors.js';
import { parseInput } from '../validation.js';

type AnyHandler<S extends z.ZodType, R> = (input: z.output<S>) => Promise<R>;

/**
 * Registers one socket request: parse the payload with its protocol schema, run one action,
 * answer through the acknowledgement. Errors become `{ok:false, error}` with a known code only;
 * the socket stays usable after a bad payload.
 */
export function onRequest<S extends z.ZodType, R>(
  socket: Socket,
  log: Logger,
  event: string,
  schema: S,
  run: AnyHandler<S, R>,
): void {
  socket.on(event, (...args: unknown[]) => {
    const ack =
      typeof args[args.length - 1] === 'function' ? (args.pop() as (r: Ack<R>) => void) : null;
    const reply = (result: Ack<R>) => {
      if (ack) ack(result);
      else if (!result.ok) socket.emit('error', result.error);
    };
    let input: z.output<S>;
    try {
      input = parseInput(schema, args[0]);
    } catch (err) {
      reply({ ok: false, error: toErrorBody(err) });
      return;
    }
    run(input).then(
      (data) => reply({ ok: true, data }),
      (err: unknown) => {
        if (!(err instanceof AppError)) log.error({ err, event }, 'socket handler failed');
        reply({ ok: false, error: toErrorBody(err) });
      },
    );
  });
}

/** Fire-and-forget events (typing): invalid payloads are answered with an `error` event. */
export function onSignal<S extends z.ZodType>(
  socket: Socket,
  log: Logger,
  event: string,
  schema: S,
  run: (input: z.output<S>) => Promise<void>,
): void {
  socket.on(event, (payload: unknown) => {
    let input: z.output<S>;
    try {
      input = parseInput(schema, payload);
    } catch (err) {
      socket.emit('error', toErrorBody(err) satisfies ErrorBody);
      return;
    }
    run(input).catch((err: unknown) => log.warn({ err, event }, 'socket signal failed'));
  });
}
