import type { Ack, AckFn, ErrorBody } from '@parley/protocol';
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { AppError, toErrorBody } from '../errors.js';
import { parseInput } from '../validation.js';

/** What a request event of a protocol event map answers through its acknowledgement. */
export type AckOf<F> = F extends (payload: never, ack: infer A) => void
  ? A extends AckFn<infer R>
    ? R
    : never
  : never;
/** The events of a client event map that expect an answer. */
export type RequestName<M> = {
  [K in keyof M & string]: [AckOf<M[K]>] extends [never] ? never : K;
}[keyof M & string];
/** The fire-and-forget events (typing, read receipts). */
export type SignalName<M> = {
  [K in keyof M & string]: [AckOf<M[K]>] extends [never] ? K : never;
}[keyof M & string];

/**
 * The requests of one namespace, typed by the protocol's event map `M`: a misspelt event or
 * an answer of the wrong shape fails the typecheck.
 */
export interface Requests<M> {
  /**
   * Parse the payload with its protocol schema, run one action, answer through the
   * acknowledgement. Errors become `{ok:false, error}` with a known code only; the socket
   * stays usable after a bad payload.
   */
  request<E extends RequestName<M>, S extends z.ZodType>(
    event: E,
    schema: S,
    run: (input: z.output<S>) => Promise<AckOf<M[E]>>,
  ): void;
  /** Fire-and-forget events: invalid payloads are answered with an `error` event. */
  signal<E extends SignalName<M>, S extends z.ZodType>(
    event: E,
    schema: S,
    run: (input: z.output<S>) => Promise<void>,
  ): void;
}

export function requestsOf<M>(socket: Socket, log: Logger): Requests<M> {
  // Typed at the registration above; the listener itself sees raw arguments.
  const listen = socket.on.bind(socket) as (event: string, l: (...args: unknown[]) => void) => void;
  return {
    request(event, schema, run) {
      listen(event, (...args: unknown[]) => {
        const ack =
          typeof args[args.length - 1] === 'function'
            ? (args.pop() as (r: Ack<unknown>) => void)
            : null;
        const reply = (result: Ack<unknown>) => {
          if (ack) ack(result);
          else if (!result.ok) socket.emit('error', result.error);
        };
        let input: z.output<typeof schema>;
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
    },
    signal(event, schema, run) {
      listen(event, (payload: unknown) => {
        let input: z.output<typeof schema>;
        try {
          input = parseInput(schema, payload);
        } catch (err) {
          socket.emit('error', toErrorBody(err) satisfies ErrorBody);
          return;
        }
        run(input).catch((err: unknown) => log.warn({ err, event }, 'socket signal failed'));
      });
    },
  };
}
