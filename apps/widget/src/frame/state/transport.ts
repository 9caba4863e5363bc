import type {
  AckFn,
  Message,
  ProactiveInvitation,
  SeenEvent,
  SeenInput,
  TypingEvent,
  TypingInput,
  VisitorClientEvents,
  VisitorConversation,
  VisitorSelf,
} from '@parley/protocol/contract';

/**
 * The visitor socket as the store needs it: requests that resolve with the ack's data or
 * reject with a RequestError, and pushed events. The store is tested against a fake of this.
 */
export type RequestName = Exclude<keyof VisitorClientEvents, 'typing' | 'message:seen'>;
export type RequestPayload<K extends RequestName> = Parameters<VisitorClientEvents[K]>[0];
export type RequestResult<K extends RequestName> =
  Parameters<VisitorClientEvents[K]>[1] extends AckFn<infer R> ? R : never;

/** Codes of our own for a request that got no answer; the rest are protocol ErrorCodes. */
export type TransportFailure = 'TIMEOUT' | 'DISCONNECTED';

export class RequestError extends Error {
  constructor(
    readonly code: string,
    message = code,
    /** VALIDATION_FAILED: field path → problem, as the server sent it. */
    readonly details?: Record<string, string>,
  ) {
    super(message);
    this.name = 'RequestError';
  }

  /** `err` if it is one, else a RequestError with `code` (an unexpected throw). */
  static of(err: unknown, code = 'INTERNAL'): RequestError {
    return err instanceof RequestError ? err : new RequestError(code);
  }

  /** No answer came: the request may or may not have been applied, so it is safe to retry. */
  get unanswered(): boolean {
    return this.code === 'TIMEOUT' || this.code === 'DISCONNECTED';
  }
}

export interface TransportEvents {
  connect(): void;
  disconnect(): void;
  /** The server refused the handshake with this error code (the socket stays down). */
  refused(code: string): void;
  message(message: Message): void;
  conversation(conversation: VisitorConversation): void;
  typing(event: TypingEvent): void;
  /** Whether an agent can answer now changed for this site. */
  availability(agentsAvailable: boolean): void;
  /** An agent has read the conversation up to a seq. */
  seen(event: SeenEvent): void;
  /** A proactive invitation arrived (pending) or ended. */
  invitation(invitation: ProactiveInvitation): void;
  /** The visitor's details changed (identify() on a page, another tab). */
  visitor(visitor: VisitorSelf): void;
}

export interface Transport {
  readonly connected: boolean;
  request<K extends RequestName>(name: K, payload: RequestPayload<K>): Promise<RequestResult<K>>;
  typing(payload: TypingInput): void;
  /** Read receipt; like typing, never queued for later. */
  seen(payload: SeenInput): void;
  /** Connects again (after a refusal, or as another visitor) with this token. */
  reconnect(token: string): void;
  close(): void;
}

export type TransportFactory = (token: string, events: TransportEvents) => Transport;
